"""The command line. The only module that imports typer: it parses, calls the core, picks a renderer, exits.

No `from __future__ import annotations` here: typer would have to evaluate every annotation string
at start-up (about 18 ms of `hrplan --help`).
"""

import contextlib
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer._click import Context
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from hrplan import __version__
from hrplan.core.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_UNEXPECTED, EXIT_USAGE, HrplanError, UsageError

if TYPE_CHECKING:
    import datetime as dt

    from hrplan.analysis.reading import YearReading
    from hrplan.plan.collection import Collection
    from hrplan.plan.model import Plan
    from hrplan.report.registry import DocxTemplate

EXIT_INTERRUPTED = 130  # as shells report a process stopped by Ctrl+C
_state = {"debug": False}


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised where the program stands (as Ctrl+C raises KeyboardInterrupt), so that what is
    being written is cleaned up; not an Exception, so no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_code_for(exc: BaseException) -> int:
    """The one error boundary: says what went wrong on stderr and maps the exception to an exit code."""
    import errno

    if isinstance(exc, typer.Exit):
        return int(exc.exit_code)
    if isinstance(exc, HrplanError):
        problems = getattr(exc, "problems", None)
        if problems:
            from hrplan.report.problems import render_text

            _err(render_text(problems))
        _err(f"hrplan: error: {exc}")
        return exc.exit_code
    if isinstance(exc, BrokenPipeError | ConnectionResetError) or (
        isinstance(exc, OSError) and exc.errno == errno.EPIPE
    ):
        _quiet_stdout()  # `hrplan compare | head`: the reader has all it wants
        return EXIT_OK
    if isinstance(exc, KeyboardInterrupt | typer.Abort):
        _err("Interrupted.")
        return EXIT_INTERRUPTED
    if isinstance(exc, Terminated):
        _err("Terminated.")
        return 128 + exc.signum  # 143 for SIGTERM, as shells report it
    if isinstance(exc, ClickException):
        exc.show()
        return EXIT_USAGE
    if isinstance(exc, OSError) and not _state["debug"]:  # the environment, not hrplan: a full disk, a closed stdout
        where = f"{exc.filename}: " if exc.filename else ""
        _err(f"hrplan: error: {where}{exc.strerror or exc}")
        return EXIT_PROBLEMS
    if _state["debug"]:
        import traceback

        traceback.print_exception(exc)
    else:
        _err(f"hrplan: unexpected error: {type(exc).__name__}: {exc}\n"
             "This is a bug in hrplan. Rerun with --debug for the traceback and report it.")  # fmt: skip
    return EXIT_UNEXPECTED


def _err(text: str) -> None:
    from hrplan.core.text import printable

    with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr closed: nothing left to tell
        print(printable(text), file=sys.stderr)


def _quiet_stdout() -> None:
    import os

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class _Handled(TyperGroup):
    """Every command runs inside the error boundary."""

    def invoke(self, ctx: Context) -> object:
        try:
            return super().invoke(ctx)
        except typer.Exit:
            raise
        except BaseException as exc:
            raise typer.Exit(exit_code_for(exc)) from None


app = typer.Typer(
    cls=_Handled,
    help="hrplan: the indicator calculator for provincial human-resources plans "
    "(bundled: Lào Cai, Kế hoạch 09/KH-UBND, 2024).\n\n"
    "Exit codes: 0 ok, 1 problems found, 2 usage error, 3 unexpected error (a bug), 130 interrupted, "
    "143 terminated.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _json(body: object) -> str:
    from hrplan.core.jsontypes import dumps

    return dumps(body)


def _out(text: str) -> None:
    """Text to stdout (renderers end their own lines), control characters shown rather than obeyed."""
    from hrplan.core.text import printable

    text = printable(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class ListFormat(StrEnum):
    table = "table"
    text = "text"
    json = "json"


class OutFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class Method(StrEnum):
    cagr = "cagr"
    linear = "linear"


TargetsOpt = Annotated[
    Path | None, typer.Option("--targets", help="Targets YAML (default: the bundled plan).", dir_okay=False)
]
TasksOpt = Annotated[
    Path | None, typer.Option("--tasks", help="Tasks YAML (default: the bundled plan).", dir_okay=False)
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Date for overdue tasks, 31/12/2024 or 2024-12-31 (default: the report's --date, else today)."
    ),
]
MethodOpt = Annotated[
    Method,
    typer.Option("--method", help="Pace to the horizon: cagr (growth rates, Eurostat) or linear (points a year)."),
]
YEARS = {"min": 1900, "max": 2100}  # plan.model.YEAR_MIN/MAX: the years a plan and its results may name
YearOpt = Annotated[
    int | None, typer.Option("--year", "-y", help="Year to compare (default: latest with results).", **YEARS)
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Fail on warnings too (unknown ids, missing values).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hrplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    _state["debug"] = debug


def _plan(targets: Path | None, tasks: Path | None, year: int | None = None) -> "Plan":
    from hrplan.plan.files import plan_for_year

    return plan_for_year(targets, tasks, year)


def _collection(plan: "Plan") -> "Collection":
    """Who reports what: the collection file beside the plan, else the plan's lead units."""
    from hrplan.plan.collection import checked_collection

    return checked_collection(plan)


def _day(text: str | None, option: str) -> "dt.date":
    import datetime as dt

    from hrplan.core.dates import parse_day

    if text is None:
        return dt.date.today()
    try:
        return parse_day(text)
    except ValueError:
        raise UsageError(f"{option} {text!r}: give a date as 31/12/2024 or 2024-12-31") from None


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Targets and/or tasks YAML files (default: the bundled plan).", dir_okay=False),
    ] = None,
    fmt: Annotated[
        ProblemFormat, typer.Option("--format", "-f", help="text, json or github (workflow annotations).")
    ] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Hide info-level notes.")] = False,
) -> None:
    """Check plan YAML files: schema, ids, unit references, ranges, structure sums, target paths; and the
    collection file (who reports what), given or found beside the plan.

    Each problem prints as `path:line:col: severity: message [code]`.

    Example: hrplan validate data/targets_2024.yaml data/tasks.yaml --format github
    """
    from hrplan.core.problems import Severity, failing
    from hrplan.plan.validate import validate_paths
    from hrplan.report.problems import render

    problems = validate_paths(list(paths or []))
    shown = [p for p in problems if not (quiet and p.severity is Severity.INFO)]
    out = render(shown, fmt.value)
    if out:
        _out(out)
    raise typer.Exit(EXIT_PROBLEMS if failing(problems, strict) else EXIT_OK)


@app.command()
def indicators(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")] = ListFormat.table,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """List the plan's indicators with their goals and yearly targets.

    Example: hrplan indicators --format json
    """
    from hrplan.plan.queries import indicator_rows

    plan = _plan(targets, tasks)
    rows = indicator_rows(plan)
    if fmt is ListFormat.json:
        _out(_json(rows))
        return
    from hrplan.report.plan_tables import print_indicators

    print_indicators(plan, rows)


@app.command("tasks")
def tasks_cmd(
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="Only tasks of this unit (full name, short form or id; accents optional)."),
    ] = None,
    role: Annotated[str, typer.Option("--role", help="With --unit: lead, partner or any.")] = "any",
    due_before: Annotated[
        str | None, typer.Option("--due-before", help="Only tasks due before this date (31/12/2024 or 2024-12-31).")
    ] = None,
    matrix: Annotated[bool, typer.Option("--matrix", help="The unit x task assignment matrix.")] = False,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")] = ListFormat.table,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """List the plan's tasks with lead and coordinating units, deadlines, quantities and linked indicators.

    Example: hrplan tasks --unit 'Sở Nội vụ' --role lead
    """
    from hrplan.plan.queries import assignment_matrix, task_rows
    from hrplan.report import plan_tables

    if role not in ("lead", "partner", "any"):
        raise UsageError(f"--role must be lead, partner or any, not '{role}'")
    plan = _plan(targets, tasks)
    if matrix:
        m = assignment_matrix(plan)
        _out(_json(m)) if fmt is ListFormat.json else plan_tables.print_matrix(plan, m)
        return
    rows = task_rows(plan, unit, role)
    if due_before:
        limit = _day(due_before, "--due-before").isoformat()
        rows = [r for r in rows if r["deadline"] and r["deadline"] < limit]
    _out(_json(rows)) if fmt is ListFormat.json else plan_tables.print_tasks(plan, rows)


def _terminal_width() -> int | None:
    """The terminal's columns; None into a file or pipe, where tables take the width they need."""
    import shutil

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _inputs(files: list[Path] | None) -> list[Path]:
    """The results files given; none means the results the plan itself publishes."""
    return list(files or [])


OUT_SUFFIXES = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".md": "markdown"}


def _check_output(out: Path, suffixes: str | tuple[str, ...], inputs: list[Path | str]) -> None:
    from hrplan.core.atomic import check_not_input

    allowed = (suffixes,) if isinstance(suffixes, str) else suffixes
    if out.suffix.lower() not in allowed:
        raise UsageError(f"{out}: name the output with {' or '.join(allowed)}")
    check_not_input(out, inputs)


def _exit_for(reading: "YearReading", strict: bool) -> None:
    from hrplan.core.problems import failing

    raise typer.Exit(EXIT_PROBLEMS if failing(reading.problems, strict) else EXIT_OK)


@app.command()
def compare(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Results workbooks (.xlsx) or CSV files; several are merged. Default: the bundled 2022-2023 results."
        ),
    ] = None,
    year: YearOpt = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")] = OutFormat.table,
    area: Annotated[str | None, typer.Option("--area", help="Compare one district or commune.")] = None,
    by_area: Annotated[bool, typer.Option("--by-area", help="One table per area found in the results.")] = False,
    group: Annotated[str | None, typer.Option("--group", "-g", help="Only one indicator group (A, B, C, D).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only indicators this unit leads.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="vi (101,50%) or en (101.50%).")] = Lang.vi,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours, even on a terminal.")] = False,
    strict: StrictOpt = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Also write a file: .xlsx (the Excel report), .csv (for Excel: UTF-8 with BOM), .json or .md.",
            dir_okay=False,
        ),
    ] = None,
    method: MethodOpt = Method.cagr,
    as_of: AsOfOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Recompute appendix 01's comparison columns from measured results and show the gaps.

    TH Y/TH Y-1, TH/MT for each target source, TH/2030, plus met / not met (direction-aware)
    and the distance still to go to the plan's goal.

    Example: hrplan compare ket_qua_2023.xlsx --year 2023 --format json
    """
    from hrplan.analysis.session import read_year
    from hrplan.plan.queries import find_unit
    from hrplan.report.problems import render_text, use_color
    from hrplan.report.registry import RenderOptions, render

    plan = _plan(targets, tasks, year)
    lead = find_unit(plan, unit).id if unit else None
    inputs = _inputs(files)
    if out is not None:
        _check_output(out, tuple(OUT_SUFFIXES), [*inputs, plan.targets_path, plan.tasks_path])
    reading = read_year(plan, inputs, year=year, area=area, by_area=by_area, group=group, lead=lead,
                        method=method.value, as_of=_day(as_of, "--as-of"), collection=_collection(plan))  # fmt: skip
    color = use_color(no_color)
    width = _terminal_width() if fmt is OutFormat.table else None
    body = render(fmt.value, reading, RenderOptions(lang=lang.value, color=color, width=width))
    if isinstance(body, str):
        _out(body)
    elif not isinstance(body, bytes):
        from hrplan.report.terminal import print_renderable

        print_renderable(body, color, width)
    if reading.problems and fmt is not OutFormat.json:
        _err(render_text(reading.problems))
    if out is not None:
        from hrplan.core.atomic import building, write_bytes
        from hrplan.report.csv_renderer import file_bytes

        options = RenderOptions(lang=lang.value)
        name = OUT_SUFFIXES[out.suffix.lower()]
        with building(out):
            body = file_bytes(reading, options) if name == "csv" else render(name, reading, options)
        if isinstance(body, str):
            body = body.encode("utf-8")
        if not isinstance(body, bytes):  # pragma: no cover - every file renderer returns text or bytes
            raise TypeError(f"the {name} renderer returned {type(body).__name__}")
        write_bytes(out, body)
        _err(f"wrote {out}")
    _exit_for(reading, strict)


def _docx_template(path: Path) -> "DocxTemplate":
    """The template's bytes, or an InputError naming the file (it is checked when the report is built)."""
    from hrplan.core.errors import InputError
    from hrplan.report.registry import DocxTemplate

    try:
        return DocxTemplate(str(path), path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read the Word template: {exc.strerror or exc}", path=str(path)) from None


@app.command()
def report(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Results workbooks or CSV files (none: the results the plan itself publishes)."),
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out-dir", "-o", help="Folder for the report files (created if missing).", file_okay=False)
    ] = Path("."),
    year: YearOpt = None,
    by_area: Annotated[bool, typer.Option("--by-area", help="Also one table per area.")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="vi or en.")] = Lang.vi,
    strict: StrictOpt = False,
    method: MethodOpt = Method.cagr,
    as_of: AsOfOpt = None,
    no_docx: Annotated[bool, typer.Option("--no-docx", help="Do not write the Word report (report-Y.docx).")] = False,
    number: Annotated[
        str | None,
        typer.Option(
            "--number",
            help="The Word report's number: 125 (Số: 125/BC-UBND) or 125/BC-SLĐTBXH. Default: dotted blanks.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="The Word report's date, 05/12/2024 or 2024-12-05. Default: dotted blanks."),
    ] = None,
    docx_template: Annotated[
        Path | None,
        typer.Option(
            "--docx-template", help="The province's own .docx letterhead with {{fields}} (see README).", dir_okay=False
        ),
    ] = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Write the yearly report into a folder: report-Y.docx (the report to the People's Committee, in the form
    of Nghị định 30/2020/NĐ-CP, appendices 01 and 02 attached), report-Y.xlsx (appendix 01 and 02, chart,
    sources), report-Y.md (gap tables, pace, targets missed, tasks by lead unit) and compare-Y.json.
    Non-interactive; running it twice writes identical files; all files are written, or none.

    Example: hrplan report ket_qua_2024.xlsx --year 2024 --out-dir bao-cao/2024 --number 125 --date 05/12/2024
    """
    from hrplan.analysis.session import read_year
    from hrplan.report.problems import render_text
    from hrplan.report.registry import RenderOptions
    from hrplan.report.yearly import report_paths, write_report

    if no_docx and docx_template is not None:
        raise UsageError("--docx-template fills the Word report, which --no-docx leaves out: drop one of them")
    issued = _day(date, "--date") if date is not None else None
    template = _docx_template(docx_template) if docx_template is not None else None
    skip = ["docx"] if no_docx else []
    plan = _plan(targets, tasks, year)
    inputs = _inputs(files)
    reading = read_year(plan, inputs, year=year, by_area=by_area, province_first=True, method=method.value,
                        as_of=_day(as_of, "--as-of") if as_of or not date else _day(date, "--date"),
                        collection=_collection(plan))  # fmt: skip
    read: list[Path | str] = [*inputs, plan.targets_path, plan.tasks_path, *([docx_template] if docx_template else [])]
    for path in report_paths(out_dir, reading.year, skip):
        _check_output(path, path.suffix, read)
    if reading.problems:
        _err(render_text(reading.problems))
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} is a file, not a folder: choose another --out-dir")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the folder {out_dir}: {exc.strerror}") from None
    options = RenderOptions(lang=lang.value, number=number, issued=issued, docx_template=template)
    written, kept = write_report(out_dir, reading, options, skip)
    for path in written:
        _err(f"wrote {path}" + (f" (the previous one, which differed, is kept as {kept[path].name})"
                                if path in kept else ""))  # fmt: skip
    _exit_for(reading, strict)


CollectionOpt = Annotated[
    Path | None,
    typer.Option(
        "--collection",
        help="Who reports what (default: collection_<year>.yaml beside the plan, else the plan's lead units).",
        dir_okay=False,
    ),
]


@app.command()
def template(
    out: Annotated[
        Path | None, typer.Argument(help="The workbook to write (.xlsx); none with --all-units.", dir_okay=False)
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Year to collect (default: the plan's year).", **YEARS)
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="One unit's workbook: its indicators and tasks (name, short form or id)."),
    ] = None,
    all_units: Annotated[
        bool, typer.Option("--all-units", help="One workbook per reporting unit, written into --out-dir.")
    ] = False,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", "-o", help="Folder for --all-units (created if missing).", file_okay=False),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="vi or en.")] = Lang.vi,
    force: Annotated[bool, typer.Option("--force", help="Replace existing workbooks.")] = False,
    collection: CollectionOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Write the workbook to fill in: with --unit, the one a department fills in and sends back (its indicators,
    those it reports by district, its tasks, the deadline and where to send it); with --all-units, one per
    reporting unit; without either, one workbook with every indicator and task.

    Example: hrplan template --all-units --out-dir bieu-mau/2024 --year 2024
    """
    from hrplan.core.atomic import check_not_input, write_set
    from hrplan.plan.collection import checked_collection
    from hrplan.plan.queries import find_unit

    if all_units and unit:
        raise UsageError("give --unit NAME for one unit's workbook or --all-units for every unit, not both")
    if all_units and (out is not None or out_dir is None):
        raise UsageError("--all-units writes one workbook per unit into a folder: give --out-dir DIR and no OUT")
    if not all_units and (out is None or out_dir is not None):
        raise UsageError(
            "name the workbook (hrplan template OUT.xlsx), or write every unit's with --all-units --out-dir"
        )
    plan = _plan(targets, tasks, year)
    y = year or plan.targets.plan.year
    read: list[Path | str] = [plan.targets_path, plan.tasks_path, *([collection] if collection else [])]
    files: dict[Path, bytes] = {}
    if unit is None and not all_units and out is not None:
        from hrplan.report.template import template_bytes

        files[out] = template_bytes(plan, y)
    else:
        from hrplan.report.unit_template import unit_template_bytes, unit_templates

        assignment = checked_collection(plan, collection)
        if all_units and out_dir is not None:
            files = {out_dir / name: data for name, data in unit_templates(plan, assignment, y, lang.value).items()}
        elif out is not None and unit is not None:
            mine = assignment.unit(find_unit(plan, unit).id)
            if mine is None:
                who = ", ".join(u.unit for u in assignment.units)
                raise UsageError(f"'{unit}' reports nothing in {assignment.path or 'the plan'}: the reporting units "
                                 f"are {who}")  # fmt: skip
            files[out] = unit_template_bytes(plan, assignment, mine, y, lang.value)
    for path in files:
        if path.suffix.lower() != ".xlsx":
            raise UsageError(f"{path}: the template is an Excel workbook; name it with .xlsx")
        if path.exists() and not force:
            raise UsageError(f"{path} exists: choose another name, or add --force to replace it")
        check_not_input(path, read)
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageError(f"{out_dir} is a file, not a folder: choose another --out-dir")
        out_dir.mkdir(parents=True, exist_ok=True)
    write_set(files)
    for path in files:
        _out(f"wrote {path}")


class CollectFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("collect")
def collect_cmd(
    folder: Annotated[Path, typer.Argument(help="The folder of the workbooks that came back.", file_okay=False)],
    year: Annotated[int | None, typer.Option("--year", "-y", help="Year collected (default: the plan's year).")] = None,
    fmt: Annotated[CollectFormat, typer.Option("--format", "-f", help="table or json.")] = CollectFormat.table,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 while anything expected is missing or a file has an error.")
    ] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="vi or en.")] = Lang.vi,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours, even on a terminal.")] = False,
    collection: CollectionOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Which units' workbooks have come back: for each reporting unit its files, the indicators and tasks expected
    and reported, what is still missing; the files that belong to no unit; conflicts. Exit 0 (--strict: exit 1
    while anything is missing).

    Example: hrplan collect bao-cao-ve/2024 --format json
    """
    from hrplan.analysis.collect import collect, folder_files
    from hrplan.core.problems import Severity
    from hrplan.plan.collection import checked_collection
    from hrplan.report.problems import render_text, use_color

    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder: give the folder the returned workbooks were saved in")
    plan = _plan(targets, tasks, year)
    assignment = checked_collection(plan, collection)
    collected = collect(plan, assignment, folder_files(folder), year or plan.targets.plan.year)
    if fmt is CollectFormat.json:
        _out(_json(collected.as_json()))
    else:
        from hrplan.report.collect_view import render
        from hrplan.report.terminal import console

        color = use_color(no_color)
        console(color).print(render(plan, collected, lang.value))
        if collected.problems:
            _err(render_text(collected.problems))
    errors = any(p.severity is Severity.ERROR for p in collected.problems)
    raise typer.Exit(EXIT_PROBLEMS if strict and (collected.missing or errors) else EXIT_OK)


@app.command("new-year")
def new_year(
    year: Annotated[int, typer.Argument(help="The new plan's year, e.g. 2025.")],
    files: Annotated[
        list[Path] | None, typer.Argument(help="Results of the year that ended (.xlsx or .csv); several are merged.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The new targets file, e.g. ke-hoach/targets_2025.yaml.", dir_okay=False),
    ] = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Roll the plan forward one year: the results of the year that ended become the plan's published
    results, everything else carries over, and the new year's targets are left to fill in from the new
    plan document (validate lists each one still missing). An existing file is never overwritten.

    Example: hrplan new-year 2025 ket_qua_2024.xlsx --out ke-hoach/targets_2025.yaml
    """
    from hrplan.analysis.rollover import rolled_files
    from hrplan.core.atomic import write_set
    from hrplan.report.problems import render_text

    if out is None:
        raise UsageError(f"name the new file with --out, e.g. --out ke-hoach/targets_{year}.yaml")
    files_out, problems = rolled_files(_plan(targets, tasks), _inputs(files), year, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_set(files_out)
    if problems:
        _err(render_text(problems))
    for path in files_out:
        _err(f"wrote {path}")
    _err(f"next: fill in the {year} targets, then: hrplan validate {out}")
    raise typer.Exit(EXIT_OK)


@app.command("diff")
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The earlier plan file (targets or tasks YAML).", dir_okay=False)],
    new: Annotated[Path, typer.Argument(help="The later plan file of the same kind.", dir_okay=False)],
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
) -> None:
    """What changed between two plan files: targets, goals, units, published results and, for two targets files
    with a tasks file beside each, the tasks. For checking a rolled-forward plan against the new document.

    Example: hrplan diff data/targets_2024.yaml ke-hoach/targets_2025.yaml
    """
    from hrplan.plan.diff import diff_files

    changes = diff_files(old, new)
    if fmt is ListFormat.json:
        _out(_json({"changes": [c.as_json() for c in changes]}))
    else:
        _out("\n".join([*(c.text() for c in changes), f"{len(changes)} change(s)"]))


@app.command()
def audit(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="text (table) or json.")] = ListFormat.table,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Check the plan against itself before it is issued: printed comparison cells that its own numbers
    do not give, lead and partner units of appendix 02 against section III, targets behind the last
    result, beyond the plan's goal or against the direction, structure shares that do not add up to 100.
    Differences the plan's data accepts (with a note) are listed as info. Exit 0 when nothing else is found.

    Example: hrplan audit --format json
    """
    from hrplan.analysis.audit import audit as run_audit
    from hrplan.core.paths import display_path
    from hrplan.plan.files import paired_load

    loaded = paired_load(targets, tasks)
    if loaded.plan is None:
        _plan(targets, tasks)  # raises ProblemsFound with the files' problems
    findings = run_audit(loaded)
    failing, accepted = [f for f in findings if not f.accepted], [f for f in findings if f.accepted]
    if fmt is ListFormat.json:
        body = [{**f.as_dict(), "path": display_path(f.path)} for f in findings]
        _out(_json({"findings": body, "failing": len(failing), "accepted": len(accepted)}))
    else:
        lines = []
        for f in [*failing, *accepted]:
            expected = "" if f.expected is None or f.accepted else f" (expected {f.expected}, found {f.found})"
            info = "info: " if f.accepted else ""
            lines.append(f"{display_path(f.path)}:{f.line}: {info}{f.code} [{f.id}]: {f.message}{expected}")
        total = f"{len(failing)} finding(s)" + (f", {len(accepted)} accepted (info)" if accepted else "")
        _out("\n".join([*lines, total]))
    raise typer.Exit(EXIT_PROBLEMS if failing else EXIT_OK)


@app.command()
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Directory to write the schema files into (default: print the targets schema).",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Write the JSON Schema of the targets and tasks files (for editors and CI).

    Example: hrplan schema --out schema/
    """
    from hrplan.plan.schema import schemas, write_schemas

    if out is None:
        _out(_json(schemas()))
        return
    for path in write_schemas(out):
        _out(f"wrote {path}")


def _streams() -> None:
    """Never crash on a code page: UTF-8 into files and pipes; on a legacy console, what it cannot show is
    replaced."""
    import io

    if sys.stdout is None:  # started with stdout closed (`hrplan compare >&-`)
        _err("hrplan: error: standard output is closed: redirect it to a file instead")
        sys.exit(EXIT_PROBLEMS)
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):  # a closed stream: the error boundary reports what fails later
            pass


def _on_signal(signum: int, _frame: object) -> None:
    raise Terminated(signum)


def _signals() -> None:
    """SIGTERM (and SIGHUP, the terminal closed) end hrplan as Ctrl+C does: the files being written are removed."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)


def _unraisable(args: "sys.UnraisableHookArgs") -> None:
    """An exception in a finaliser: openpyxl's sheet writer, collected after a full disk, tries its file again. The
    error that caused it has been told in one line; its traceback is shown with --debug only."""
    if _state["debug"]:
        sys.__unraisablehook__(args)


def main() -> None:
    """Entry point: exit codes 0 ok, 1 problems, 2 usage, 3 unexpected, 130 interrupted, 143 terminated (SIGTERM)
    (see exit_code_for)."""
    _signals()
    _streams()
    sys.unraisablehook = _unraisable
    try:
        rc = app(standalone_mode=False)
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        sys.exit(exit_code_for(exc))
    sys.exit(rc if isinstance(rc, int) else EXIT_OK)
