"""`hrplan report`: the yearly report files (Excel, Markdown summary, compare JSON), same bytes every run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hrplan.analysis.rows import Analysis
from hrplan.core.problems import Problem
from hrplan.plan.model import Plan
from hrplan.report.fmt import fmt_number, fmt_ratio
from hrplan.report.markdown import compare_markdown, progress_section
from hrplan.results.taskstatus import STATUSES


def _missed(plan: Plan, a: Analysis, lang: str) -> list[str]:
    out = []
    for r in a.rows:
        for s, ok in r.met.items():
            if ok is False:
                unit = r.indicator.unit
                name = r.indicator.name if lang == "vi" else r.indicator.name_en
                out.append(
                    f"- **{r.indicator.id}** {name}: {fmt_number(r.result, unit, lang)} / {s} "
                    f"{fmt_number(r.targets[s], unit, lang)} = {fmt_ratio(r.ratio_targets[s].value, lang)}"
                )
    return out


def _task_status_lines(plan: Plan, tasks: dict[str, Any], lang: str) -> list[str]:
    vi = lang == "vi"
    out = []
    if tasks.get("reported"):
        out += [
            "| "
            + " | ".join(
                ["Đơn vị chủ trì", "Số NV", "Hoàn thành", "Đang triển khai", "Chưa triển khai", "Chưa báo cáo"]
                if vi
                else ["Lead unit", "Tasks", "Done", "In progress", "Not started", "Not reported"]
            )
            + " |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        out += [
            f"| {r['name']} | {r['tasks']} | {r['done']} | {r['in_progress']} | {r['not_started']} | "
            f"{r['not_reported']} |"
            for r in tasks["completion"]
        ]
        out.append("")
    if tasks.get("overdue"):
        out += [
            (f"**Quá hạn tính đến {tasks['as_of']}:** " if vi else f"**Overdue as of {tasks['as_of']}:** ")
            + ", ".join(f"{t['id']} ({t['deadline']})" for t in tasks["overdue"]),
            "",
        ]
    return out


def _tasks_by_lead(plan: Plan, lang: str, statuses: dict[str, str] | None = None) -> list[str]:
    from hrplan.plan.queries import task_rows

    rows = task_rows(plan)
    out = []
    for unit in plan.tasks.units:
        mine = [t for t in rows if unit.id in t["lead"]]
        if not mine:
            continue
        out.append(f"#### {unit.name if lang == 'vi' else unit.name_en} ({len(mine)})")
        out.append("")
        for t in mine:
            title = t["title"] if len(t["title"]) <= 140 else t["title"][:137] + "..."
            due = f" — **{'hạn' if lang == 'vi' else 'due'} {t['deadline']}**" if t["deadline"] else ""
            status = (statuses or {}).get(t["id"])
            mark = f" _({STATUSES[status][0 if lang == 'vi' else 1]})_" if status else ""
            out.append(f"- {t['id']}: {title}{due}{mark}")
        out.append("")
    return out


def summary_markdown(
    plan: Plan,
    analyses: list[Analysis],
    problems: list[Problem],
    inputs: list[str],
    lang: str = "vi",
    tasks: dict[str, Any] | None = None,
) -> str:
    """The report's Markdown: gap tables, the targets missed, tasks by lead unit, problems."""
    info = plan.targets.plan
    y = analyses[0].year
    vi = lang == "vi"
    lines = [
        f"# {'Báo cáo kết quả thực hiện' if vi else 'Results report'} {y} — {info.id} ({info.province})",
        "",
        f"{'Kế hoạch' if vi else 'Plan'}: {info.title}",
        "",
        f"{'Số liệu' if vi else 'Inputs'}: " + ", ".join(f"`{p}`" for p in inputs),
        "",
        compare_markdown(plan, analyses, lang),
    ]
    lines += progress_section(analyses[0], lang)
    for a in analyses:
        missed = _missed(plan, a, lang)
        place = a.area or ("Toàn tỉnh" if vi else "Province")
        lines += [f"## {'Chỉ tiêu chưa đạt mục tiêu năm' if vi else 'Targets missed'} {y} · {place}", ""]
        lines += missed or ["- " + ("Không có." if vi else "None.")]
        lines.append("")
    lines += [f"## {'Nhiệm vụ theo đơn vị chủ trì' if vi else 'Tasks by lead unit'}", ""]
    lines += _task_status_lines(plan, tasks or {}, lang)
    lines += _tasks_by_lead(plan, lang, (tasks or {}).get("statuses", {}))
    if problems:
        from hrplan.report.problems import display_path

        lines += [f"## {'Vấn đề trong số liệu' if vi else 'Problems in the inputs'}", ""]
        for p in problems:
            loc = p.location().replace(p.path, display_path(p.path), 1)
            lines.append(f"- {p.severity.value}: `{loc}` {p.message} [{p.code}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_report(
    out_dir: Path,
    plan: Plan,
    analyses: list[Analysis],
    problems: list[Problem],
    inputs: list[str],
    lang: str,
    tasks: dict[str, Any],
    on_write: Callable[[Path], Any] | None = None,
) -> list[Path]:
    """Write report-Y.xlsx, report-Y.md and compare-Y.json atomically into out_dir."""
    from hrplan.core.atomic import write_bytes, write_text
    from hrplan.report.data import compare_json
    from hrplan.report.excel import workbook_bytes

    y = analyses[0].year
    files: dict[Path, bytes | str] = {
        out_dir / f"report-{y}.xlsx": workbook_bytes(plan, analyses, problems, lang, tasks),
        out_dir / f"report-{y}.md": summary_markdown(plan, analyses, problems, inputs, lang, tasks),
        out_dir / f"compare-{y}.json": compare_json(analyses, problems, tasks) + "\n",
    }
    for path, body in files.items():
        if isinstance(body, bytes):
            write_bytes(path, body)
        else:
            write_text(path, body)
        if on_write:
            on_write(path)
    return list(files)
