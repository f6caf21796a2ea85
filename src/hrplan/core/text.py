"""Text helpers shared by the loaders and the views."""

from __future__ import annotations

import datetime as dt
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


# Control characters, and what XML 1.0 cannot hold at all (U+FFFE, U+FFFF, lone surrogates): in a cell or a sheet
# name they make the workbook's XML invalid, and neither Excel nor openpyxl opens it
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# What a terminal would act on rather than show: C0 controls but tab and newline (ESC starts colour, cursor and OSC
# sequences; CR returns over the line), DEL, and C1 (U+009B is CSI to many terminals). Each is shown as its symbol.
_TERMINAL = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F: 0x2421}
_TERMINAL |= {c: 0xFFFD for c in range(0x80, 0xA0)}
_HAS_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_control(text: str) -> str:
    """Drop control characters that spreadsheets and terminals would misrender, and what XML cannot hold."""
    return _CONTROL.sub("", text)


def clean_key(text: str) -> str:
    """A typed id or name as it is meant: compatibility forms folded (NFKC: full-width 'Ａ１' is 'A1'), invisible
    format characters dropped (zero-width spaces and joiners, soft hyphens, direction marks, a stray BOM), spaces
    trimmed. Used once per distinct cell text, never per cell."""
    if text.isascii():
        return text.strip()
    # NFKC folds full-width forms, but it would also read a superscript '²' as '2' ('1²' as 12): such marks are
    # kept as they are, so a value holding one is refused rather than read wrong.
    kept = ("<super>", "<sub>", "<fraction>", "<circle>")
    parts = [ch if unicodedata.decomposition(ch).startswith(kept) else unicodedata.normalize("NFKC", ch) for ch in text]
    text = unicodedata.normalize("NFC", "".join(parts))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def printable(text: str) -> str:
    """Text safe for a terminal: the one function every message, table and listing passes through on its way to
    stdout or stderr. Control characters from plan names or result cells are shown, never obeyed: ESC as '␛',
    CR as '␍', a C1 control as '\ufffd'."""
    return text.translate(_TERMINAL) if _HAS_TERMINAL.search(text) else text


def excerpt(value: object, limit: int = 60) -> str:
    """A cell's text as quoted in a message: at most `limit` characters (a 128 KiB cell is no message), a whole
    number without '.0' (python-calamine reads every number as a float, openpyxl whole ones as int)."""
    day = value.date() if isinstance(value, dt.datetime) else value  # a datetime does not compare with a date
    if isinstance(value, dt.time) or (isinstance(day, dt.date) and day < dt.date(1900, 1, 1)):
        # a date-formatted -1 is 1899-12-29 to openpyxl and 00:00 to python-calamine, -0.5 is 12:00 to the latter:
        # a bare time cannot be told from such a serial, so both are quoted alike, as what they can be
        return "a time or a date before 1900"
    if isinstance(value, dt.datetime) and value.time() == dt.time():  # calamine gives a date, openpyxl a datetime
        value = value.date()
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"
