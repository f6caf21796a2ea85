"""The command line. The only module that imports typer: it parses, calls the core, renders, exits.

No `from __future__ import annotations` here: typer would have to evaluate every annotation string
at start-up (about 18 ms of `hrplan --help`).
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from hrplan import __version__
from hrplan.core.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_UNEXPECTED, EXIT_USAGE, HrplanError, UsageError


class _Handled(TyperGroup):
    """The one error handler: HrplanError -> its exit code; anything else -> 3 (traceback with --debug)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except HrplanError as exc:
            problems = getattr(exc, "problems", None)
            if problems:
                from hrplan.report.problems import render_text

                typer.echo(render_text(problems), err=True)
            typer.echo(f"hrplan: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if _state["debug"] or type(exc).__module__.startswith(("click", "typer")):
                raise
            typer.echo(
                f"hrplan: unexpected error: {type(exc).__name__}: {exc}\n"
                "This is a bug in hrplan. Rerun with --debug for the traceback and report it.",
                err=True,
            )
            raise typer.Exit(EXIT_UNEXPECTED) from None


app = typer.Typer(
    cls=_Handled,
    help="hrplan: the indicator calculator for provincial human-resources plans "
    "(bundled: Lào Cai, Kế hoạch 09/KH-UBND, 2024).\n\n"
    "Exit codes: 0 ok, 1 problems found, 2 usage error, 3 unexpected error.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _json(body: Any) -> str:
    import json  # not on the start-up path

    return json.dumps(body, ensure_ascii=False, indent=2)


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class ListFormat(StrEnum):
    table = "table"
    text = "text"
    json = "json"


TargetsOpt = Annotated[
    Path | None, typer.Option("--targets", help="Targets YAML (default: the bundled plan).", dir_okay=False)
]
TasksOpt = Annotated[
    Path | None, typer.Option("--tasks", help="Tasks YAML (default: the bundled plan).", dir_okay=False)
]


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


def _plan(targets: Path | None, tasks: Path | None) -> Any:
    from hrplan.analysis.session import checked_plan

    return checked_plan(targets, tasks)


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
    """Check plan YAML files: schema, ids, unit references, ranges, structure sums, target paths.

    Each problem prints as `path:line:col: severity: message [code]`.

    Example: hrplan validate data/targets_2024.yaml data/tasks.yaml --format github
    """
    from hrplan.plan.validate import validate_paths

    problems = validate_paths(list(paths or []))
    from hrplan.core.problems import Severity, failing
    from hrplan.report.problems import render

    shown = [p for p in problems if not (quiet and p.severity is Severity.INFO)]
    out = render(shown, fmt.value)
    if out:
        typer.echo(out)
    raise typer.Exit(EXIT_PROBLEMS if failing(problems, strict) else EXIT_OK)


@app.command()
def indicators(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")] = ListFormat.table,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """List the plan's indicators with their 2030 goals and yearly targets.

    Example: hrplan indicators --format json
    """
    from hrplan.plan.queries import indicator_rows

    plan = _plan(targets, tasks)
    rows = indicator_rows(plan)
    if fmt is ListFormat.json:
        typer.echo(_json(rows))
        return
    from hrplan.report.console import print_indicators

    print_indicators(plan, rows)


@app.command("tasks")
def tasks_cmd(
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="Only tasks of this unit (full name, short form or id; accents optional)."),
    ] = None,
    role: Annotated[str, typer.Option("--role", help="With --unit: lead, partner or any.")] = "any",
    due_before: Annotated[
        str | None, typer.Option("--due-before", help="Only tasks due before this date (YYYY-MM-DD).")
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

    if role not in ("lead", "partner", "any"):
        raise UsageError(f"--role must be lead, partner or any, not '{role}'")
    plan = _plan(targets, tasks)
    if matrix:
        m = assignment_matrix(plan)
        if fmt is ListFormat.json:
            typer.echo(_json(m))
        else:
            from hrplan.report.console import print_matrix

            print_matrix(plan, m)
        return
    rows = task_rows(plan, unit, role)
    if due_before:
        limit = _as_of(due_before).isoformat()
        rows = [r for r in rows if r["deadline"] and r["deadline"] < limit]
    if fmt is ListFormat.json:
        typer.echo(_json(rows))
        return
    from hrplan.report.console import print_tasks

    print_tasks(plan, rows)


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


AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Date for overdue tasks, YYYY-MM-DD (default: today).")]


def _as_of(text: str | None) -> Any:
    import datetime as dt

    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of {text!r}: give a date as YYYY-MM-DD, e.g. 2024-12-31") from None


MethodOpt = Annotated[
    Method,
    typer.Option("--method", help="Pace to 2030: cagr (growth rates, Eurostat) or linear (percentage points a year)."),
]


@app.command()
def compare(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Results workbooks (.xlsx) or CSV files; several are merged. Default: the bundled 2022-2023 results."
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Year to compare (default: latest with results).")
    ] = None,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")] = OutFormat.table,
    area: Annotated[str | None, typer.Option("--area", help="Compare one district or commune.")] = None,
    by_area: Annotated[bool, typer.Option("--by-area", help="One table per area found in the results.")] = False,
    group: Annotated[str | None, typer.Option("--group", "-g", help="Only one indicator group (A, B, C, D).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only indicators this unit leads.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="vi (101,50%) or en (101.50%).")] = Lang.vi,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours, even on a terminal.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings (unknown ids, missing values).")] = False,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the Excel report (.xlsx) here.", dir_okay=False)
    ] = None,
    method: MethodOpt = Method.cagr,
    as_of: AsOfOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Recompute appendix 01's comparison columns from measured results and show the gaps.

    TH Y/TH Y-1, TH/MT for each target source, TH/2030, plus met / not met (direction-aware)
    and the distance still to go to the 2030 goal.

    Example: hrplan compare ket_qua_2023.xlsx --year 2023 --format json
    """
    from hrplan.analysis.session import run
    from hrplan.core.problems import failing
    from hrplan.plan.load import RESULTS_NAME, bundled
    from hrplan.plan.queries import find_unit
    from hrplan.report.problems import render_text, use_color

    plan = _plan(targets, tasks)
    lead = find_unit(plan, unit).id if unit else None
    inputs = list(files or [bundled(RESULTS_NAME)])
    if out is not None:
        _check_output(out, ".xlsx", [*inputs, plan.targets_path, plan.tasks_path])
    r = run(
        plan,
        inputs,
        year=year,
        area=area,
        by_area=by_area,
        group=group,
        lead=lead,
        method=method.value,
        as_of=_as_of(as_of),
    )
    analyses, problems, summary = r.analyses, r.problems, r.tasks
    if fmt is OutFormat.json:
        from hrplan.report.data import compare_json

        typer.echo(compare_json(analyses, problems, summary))
    elif fmt is OutFormat.csv:
        from hrplan.report.data import compare_csv

        typer.echo(compare_csv(analyses), nl=False)
    elif fmt is OutFormat.markdown:
        from hrplan.report.markdown import compare_markdown

        typer.echo(compare_markdown(plan, analyses, lang.value), nl=False)
    else:
        from hrplan.report.console import print_comparison, print_tasks_summary

        for a in analyses:
            print_comparison(plan, a, lang.value, use_color(no_color))
        print_tasks_summary(plan, summary, lang.value, use_color(no_color))
    if problems and fmt is not OutFormat.json:
        typer.echo(render_text(problems), err=True)
    if out is not None:
        from hrplan.core.atomic import write_bytes
        from hrplan.report.excel import workbook_bytes

        write_bytes(out, workbook_bytes(plan, analyses, problems, lang.value, summary))
        typer.echo(f"wrote {out}", err=True)
    raise typer.Exit(EXIT_PROBLEMS if failing(problems, strict) else EXIT_OK)


def _check_output(out: Path, suffix: str, inputs: list[Any]) -> None:
    from hrplan.core.atomic import check_not_input

    if out.suffix.lower() != suffix:
        raise UsageError(f"{out}: name the output with {suffix}")
    check_not_input(out, inputs)


@app.command()
def report(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Results workbooks or CSV files (default: the bundled results).")
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out-dir", "-o", help="Folder for the report files.", file_okay=False)
    ] = Path("."),
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Year to report (default: latest with results).")
    ] = None,
    by_area: Annotated[bool, typer.Option("--by-area", help="Also one table per area.")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="vi or en.")] = Lang.vi,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    method: MethodOpt = Method.cagr,
    as_of: AsOfOpt = None,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Write the yearly report into a folder: report-Y.xlsx (appendix 01 and 02, chart, sources),
    report-Y.md (gap table, targets missed, tasks by lead unit) and compare-Y.json.
    Non-interactive; running it twice writes identical files.

    Example: hrplan report ket_qua_2024.xlsx --year 2024 --out-dir bao-cao/
    """
    from hrplan.analysis.session import run
    from hrplan.core.problems import failing
    from hrplan.plan.load import RESULTS_NAME, bundled
    from hrplan.report.problems import display_path, render_text
    from hrplan.report.yearly import write_report

    plan = _plan(targets, tasks)
    inputs = list(files or [bundled(RESULTS_NAME)])
    if not out_dir.is_dir():
        raise UsageError(f"{out_dir}: no such folder; create it first")
    r = run(plan, inputs, year=year, by_area=by_area, method=method.value, as_of=_as_of(as_of), province_first=True)
    for name in (f"report-{r.year}.xlsx", f"report-{r.year}.md", f"compare-{r.year}.json"):
        _check_output(out_dir / name, Path(name).suffix, [*inputs, plan.targets_path, plan.tasks_path])
    problems = r.problems
    if problems:
        typer.echo(render_text(problems), err=True)
    write_report(
        out_dir,
        plan,
        r.analyses,
        problems,
        [display_path(str(p)) for p in inputs],
        lang.value,
        r.tasks,
        on_write=lambda p: typer.echo(f"wrote {p}", err=True),
    )
    raise typer.Exit(EXIT_PROBLEMS if failing(problems, strict) else EXIT_OK)


@app.command()
def template(
    out: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx).", dir_okay=False)],
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Year to collect (default: the plan's year).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Write a results workbook ready to fill in: one row per indicator, a column per year,
    validated input cells, a tasks sheet and instructions in Vietnamese.

    Example: hrplan template ket_qua_2024.xlsx --year 2024
    """
    from hrplan.core.atomic import check_not_input, write_bytes
    from hrplan.report.template import template_bytes

    plan = _plan(targets, tasks)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the template is an Excel workbook; name it with .xlsx")
    if out.exists() and not force:
        raise UsageError(f"{out} exists: choose another name, or add --force to replace it")
    check_not_input(out, [plan.targets_path, plan.tasks_path])
    write_bytes(out, template_bytes(plan, year or plan.targets.plan.year))
    typer.echo(f"wrote {out}")


@app.command()
def audit(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="text (table) or json.")] = ListFormat.table,
    targets: TargetsOpt = None,
    tasks: TasksOpt = None,
) -> None:
    """Check the plan against itself before it is issued: printed comparison cells that its own numbers
    do not give, lead units of appendix 02 against section III, targets behind the last result or
    beyond the 2030 goal, structure shares that do not add up to 100. Exit 0 when nothing is found.

    Example: hrplan audit --format json
    """
    from hrplan.analysis.audit import audit as run_audit
    from hrplan.analysis.session import paired_load
    from hrplan.report.problems import display_path

    loaded = paired_load(targets, tasks)
    if loaded.plan is None:
        _plan(targets, tasks)  # prints the problems and exits 1
    findings = run_audit(loaded)
    if fmt is ListFormat.json:
        body = {"findings": [{**f.as_dict(), "path": display_path(f.path)} for f in findings]}
        typer.echo(_json(body))
    else:
        for f in findings:
            expected = "" if f.expected is None else f" (expected {f.expected}, found {f.found})"
            typer.echo(f"{display_path(f.path)}:{f.line}: {f.code} [{f.id}]: {f.message}{expected}")
        typer.echo(f"{len(findings)} finding(s)")
    raise typer.Exit(EXIT_PROBLEMS if findings else EXIT_OK)


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
        typer.echo(_json(schemas()))
        return
    for path in write_schemas(out):
        typer.echo(f"wrote {path}")


def main() -> None:
    """Entry point: exit codes 0 ok, 1 problems, 2 usage, 3 unexpected (see _Handled)."""
    from typer._click.exceptions import ClickException  # typer >= 0.26 vendors click (pyproject requires it)

    try:
        rc = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(EXIT_USAGE)
    except ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(EXIT_UNEXPECTED)
    except BrokenPipeError:  # `hrplan compare | head`: the reader has all it wants
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    sys.exit(rc if isinstance(rc, int) else EXIT_OK)
