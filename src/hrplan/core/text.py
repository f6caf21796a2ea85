"""Text helpers shared by the loaders and the views."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[\s\u00a0]+")
_PUNCT = re.compile(r"[^\w%]+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: 'Mã chỉ tiêu' -> 'ma chi tieu'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", _PUNCT.sub(" ", stripped.casefold())).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_control(text: str) -> str:
    """Drop control characters that spreadsheets and terminals would misrender."""
    return _CONTROL.sub("", text)


def clean_key(text: str) -> str:
    """A typed id or name as it is meant: compatibility forms folded (NFKC: full-width 'Ａ１' is 'A1'), invisible
    format characters dropped (zero-width spaces and joiners, soft hyphens, direction marks, a stray BOM), spaces
    trimmed. Used once per distinct cell text, never per cell."""
    if text.isascii():
        return text.strip()
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
