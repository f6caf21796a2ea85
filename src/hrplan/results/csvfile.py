"""Results as CSV: UTF-8 text, its delimiter found by counting, every position the physical line of the file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from hrplan.core.inputs import read_bounded
from hrplan.core.problems import Problem
from hrplan.results.sheet import Row, Sheet, SheetError

MAX_CSV_BYTES = 256 * 1024 * 1024
MAX_LINE = 1024 * 1024  # characters of one line: the csv module would make a record of every comma in it
MAX_FIELDS = 16_384  # fields of one record, as a sheet has columns: the header search reads each of them
DELIMITERS = (",", ";", "\t")


class _LineTooLong(Exception):
    pass


def open_csv(path: Path) -> tuple[list[Sheet], list[Problem]]:
    """The one table of a CSV file, or the problem that stops reading it (TooLarge and OSError are raised)."""
    name = str(path)
    raw = read_bounded(path, MAX_CSV_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 (byte {exc.start}): in Excel use 'Save As' > 'CSV UTF-8'"
        return [], [Problem(name, None, None, "encoding", message)]
    del raw
    return [Sheet(None, _records(text, delimiter(text), name), text_file=True)], []


def delimiter(text: str) -> str:
    """',', ';' or a tab: the one separating the most fields (outside quotes) in the first lines. Linear in the
    sample, unlike csv.Sniffer, whose patterns backtrack on crafted text; a tie goes to ','."""
    sample = text[:8192]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    counts = []
    for d in DELIMITERS:
        try:
            counts.append((sum(len(r) - 1 for r in csv.reader(io.StringIO(sample, newline=""), delimiter=d)), d))
        except csv.Error:
            counts.append((0, d))
    best = max(n for n, _ in counts)
    return next(d for n, d in counts if n == best)


def _lines(text: str) -> Iterator[str]:
    """The physical lines of the text, none longer than MAX_LINE."""
    for line in io.StringIO(text, newline=""):
        if len(line) > MAX_LINE:
            raise _LineTooLong
        yield line


def _records(text: str, delim: str, name: str) -> Iterator[Row]:
    """(line, fields, None) for every record; the line is where the record starts in the file, also after a field
    whose quotes hold a line break. Blank fields stay "" (the readers treat "" as blank): converting 200,000 rows
    would cost more than reading them."""
    reader = csv.reader(_lines(text), delimiter=delim)
    line = 1
    try:
        for record in reader:
            if len(record) > MAX_FIELDS:
                message = f"{len(record):,} fields in one record, more than a sheet has columns ({MAX_FIELDS:,})"
                raise SheetError(Problem(name, line, None, "csv-syntax", f"{message}: not a results table"))
            yield line, record, None
            line = reader.line_num + 1
    except _LineTooLong:
        message = f"a line longer than {MAX_LINE:,} characters starts here: not a results table"
        raise SheetError(Problem(name, reader.line_num + 1, None, "csv-syntax", message)) from None
    except csv.Error as exc:
        if "field limit" in str(exc):
            message = (
                f"a field longer than {csv.field_size_limit():,} characters starts in this record: probably "
                'a quote (") opened and never closed'
            )
        else:
            message = f"cannot read the CSV from this line on ({exc})"
        raise SheetError(Problem(name, line, None, "csv-syntax", message)) from None
