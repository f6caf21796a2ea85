"""Problems are values: collected, sorted and rendered, never raised."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about an input, located at a file position or a workbook cell."""

    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    severity: Severity = Severity.ERROR
    cell: str | None = None  # workbook location such as "Kết quả!D7"

    def location(self) -> str:
        """`path:line:col` for text files, `path:Sheet!A1` for workbooks."""
        if self.cell:
            return f"{self.path}:{self.cell}"
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "cell": self.cell,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


def sort_key(p: Problem) -> tuple[str, int, int, str]:
    return (p.path, p.line or 0, p.column or 0, p.code)


def count(problems: list[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)


def failing(problems: list[Problem], strict: bool) -> bool:
    """Errors always fail; warnings fail only in strict mode."""
    bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(p.severity in bad for p in problems)
