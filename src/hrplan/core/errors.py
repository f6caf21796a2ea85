"""The fatal conditions. The CLI catches HrplanError in one place and maps it to an exit code."""

from __future__ import annotations

from hrplan.core.problems import Problem

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 3


class HrplanError(Exception):
    """A condition that stops the command. `exit_code` says how."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str, *, path: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.where = where

    def __str__(self) -> str:
        loc = self.path or ""
        if self.where:
            loc = f"{loc}:{self.where}" if loc else self.where
        return f"{loc}: {self.message}" if loc else self.message


class InputError(HrplanError):
    """An input file cannot be read at all (missing, corrupt, too large, wrong kind)."""


class UsageError(HrplanError):
    """The command line asks for something impossible."""

    exit_code = EXIT_USAGE


class UnknownName(UsageError):
    """A name the plan or the results do not know: a group, an area, a unit, a year without values."""


class OutputError(HrplanError):
    """An output cannot be written (refused, locked, no permission)."""


class ProblemsFound(HrplanError):
    """Inputs with errors: nothing was produced. The problems are listed, then the hint."""

    def __init__(self, problems: list[Problem], hint: str) -> None:
        super().__init__(hint)
        self.problems = problems
