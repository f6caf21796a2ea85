"""The Word report's appendices, as real tables in a landscape section: Phụ biểu 01 (the comparison table in the
layout of appendix 01, its two header rows repeated on every page; one table per area) and Phụ biểu 02 (the
tasks with lead unit, deadline and the status reported)."""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.table import Table

from hrplan.analysis.ratios import Comparison, Verdict
from hrplan.analysis.reading import AreaReading, YearReading
from hrplan.report.docx_body import unit_names, word_areas
from hrplan.report.docx_form import Heading
from hrplan.report.docx_kit import CENTER, LEFT, RIGHT, cell_text, keep_row, page, para, shade, table
from hrplan.report.fmt import fmt_date, fmt_goal, fmt_number, fmt_ratio, fmt_task_notes, side_by_side
from hrplan.report.labels import Labels

WIDTH_CM = 25.7  # the text width of a landscape A4 page: 297 - 20 - 20 mm
SIZE = 9  # points, in appendix 01's many columns
VERDICT_TONE = {Verdict.MET: "good", Verdict.NOT_MET: "poor"}


def _blank(value: float | None, text: Callable[[float], str]) -> str:
    return "" if value is None else text(value)


def _tt(ind_id: str) -> str:
    """The appendix's own numbering: the number within the group, '-' for a sub-indicator (A3a)."""
    return "-" if ind_id[-1].isalpha() else ind_id[1:]


def _title(
    doc: Document, label: str, title: str, lines: list[str], head: Heading, t: Labels, *, new_page: bool
) -> None:
    """'Phụ biểu 01', the title, the area or the date of the statuses, and what the appendix is attached to."""
    first = para(doc, label, align=CENTER, bold=True, size=13, keep=True)
    first.paragraph_format.page_break_before = new_page
    para(doc, title, align=CENTER, bold=True, size=13, keep=True)
    for line in lines:
        para(doc, line, align=CENTER, italic=True, size=12, keep=True)
    attached = t("doc_attached", n=head.symbol, date=head.date, place=head.place)
    para(doc, attached, align=CENTER, italic=True, size=12, after=6, keep=True)


def _wrap(text: str) -> str:
    """A ratio's heading on two lines at its '/': 'TH 2023/' over 'TH 2022'."""
    return text.replace("/", "/\n", 1)


def _widths(fixed: list[float | None]) -> list[float]:
    """The one open column (None) takes what the page leaves, at least 3 cm; everything shrinks to fit."""
    rest = max(3.0, WIDTH_CM - sum(w for w in fixed if w is not None))
    widths = [rest if w is None else w for w in fixed]
    scale = min(1.0, WIDTH_CM / sum(widths))
    return [round(w * scale, 2) for w in widths]


def _head(grid: Table, spans: list[tuple[str, list[str]]]) -> None:
    """Two header rows: a title over its sub-columns, or one title over both rows."""
    c = 0
    for title, subs in spans:
        top = grid.cell(0, c)
        if not subs:
            top.merge(grid.cell(1, c))
            cell_text(top, title, align=CENTER, bold=True, size=SIZE)
            c += 1
            continue
        if len(subs) > 1:
            top = top.merge(grid.cell(0, c + len(subs) - 1))
        cell_text(top, title, align=CENTER, bold=True, size=SIZE)
        for k, sub in enumerate(subs):
            cell_text(grid.cell(1, c + k), sub, align=CENTER, bold=True, size=SIZE)
        c += len(subs)
    for row in grid.rows[:2]:
        keep_row(row, repeat=True)
        for cell in row.cells:
            shade(cell, "head")


def _row_cells(row: Comparison, reading: YearReading, t: Labels) -> list[tuple[str, str | None]]:
    """(text, tone) for every column of one indicator, in the header's order."""
    ind, lang = row.indicator, t.lang
    unit = ind.unit
    num: Callable[[float], str] = lambda v: fmt_number(v, unit, lang)  # noqa: E731
    pct: Callable[[float], str] = lambda v: fmt_ratio(v, lang)  # noqa: E731
    tone = row.progress.tone if row.progress else None
    cells: list[tuple[str, str | None]] = [
        (_tt(ind.id), None), (ind.id, None), (t.name(ind.name, ind.name_en), None), (t.unit(unit), None),
        ("" if ind.goal_2030 is None else fmt_goal(ind.goal_2030, unit, lang), None),
        *((_blank(row.targets.get(s), num), None) for s in reading.sources),
        (_blank(row.previous, num), None), (_blank(row.result, num), None),
        (_blank(row.ratio_previous.value, pct), None),  # growth, not success: never shaded
        *((_blank(row.ratio_targets[s].value if s in row.ratio_targets else None, pct),
           VERDICT_TONE.get(row.verdict(s))) for s in reading.sources),
        (_blank(row.ratio_2030.value, pct), tone if row.ratio_2030.value is not None else None),
        (t(row.progress.klass) if row.progress else "", tone),
        *((_blank(row.next_targets.get(s), num), None) for s in reading.next_sources),
        (unit_names(reading, ind.lead, t), None), (unit_names(reading, ind.partners, t), None),
    ]  # fmt: skip
    return cells


def appendix_01(doc: Document, reading: YearReading, area: AreaReading, head: Heading, t: Labels) -> Table:
    """Appendix 01 for one area, group rows between the indicators, then the notes and the colour key."""
    y, h, plan = reading.year, reading.horizon, reading.plan
    src, nxt = reading.sources, reading.next_sources
    spans: list[tuple[str, list[str]]] = [
        (t("tt"), []), (t("id"), []), (t("name"), []), (t("unit"), []), (t("goal_full", h=h), []),
        (t("targets_year", y=y), [t("mt_src", s=s) for s in src]),
        (t("results"), [t("year_col", y=y - 1), t("year_col", y=y)]),
        (t("compare"), [_wrap(t("ratio_prev_full", y=y, p=y - 1)), *(_wrap(t("ratio_src_full", s=s)) for s in src),
                        _wrap(t("ratio_goal", h=h))]),
        (t("progress_full", h=h), []),
        *([(t("next_year", n=y + 1), list(nxt))] if nxt else []),
        (t("lead"), []), (t("partners"), []),
    ]  # fmt: skip
    fixed: list[float | None] = [0.7, 0.9, None, 1.05, 1.2, *[1.2] * len(src), 1.2, 1.2, 1.3, *[1.3] * len(src),
                                 1.3, 1.7, *[1.2] * len(nxt), 2.3, 2.5]  # fmt: skip
    widths = _widths(fixed)
    label = t("sheet1") if area.area is None else f"{t('sheet1')} - {area.area}"  # as the Excel report's sheet
    _title(doc, label, t("title1", y=y), [], head, t, new_page=area is not reading.areas[0])
    groups = [(g, info, [r for r in area.rows if r.indicator.group == g]) for g, info in plan.targets.groups.items()]
    groups = [x for x in groups if x[2]]
    grid = table(doc.add_table(rows=2 + sum(1 + len(rows) for *_, rows in groups), cols=len(widths)), widths,
                 pad_cm=0.06)  # fmt: skip
    _head(grid, spans)
    n = len(widths)
    aligns = [
        LEFT if k in (2, n - 2, n - 1) else CENTER if k in (0, 1, 3, n - 3 - len(nxt)) else RIGHT for k in range(n)
    ]
    slots = iter(grid.rows[2:])
    for group, info, rows in groups:
        group_row = next(slots)
        keep_row(group_row)
        cells = group_row.cells
        name = cells[1].merge(cells[-1])
        for cell, text in ((cells[0], group), (name, t.name(info.name, info.name_en))):
            cell_text(cell, text, align=CENTER if cell is cells[0] else LEFT, bold=True, size=SIZE)
            cell.paragraphs[0].paragraph_format.keep_with_next = True  # never the last line of a page
            shade(cell, "group")
        for row in rows:
            line = next(slots)
            keep_row(line)
            for k, (text, tone) in enumerate(_row_cells(row, reading, t)):
                cell_text(line.cells[k], text, align=aligns[k], size=SIZE)
                shade(line.cells[k], tone)
    notes = [(r.indicator.id, m.year, m.note) for r in area.rows for m in r.notes]
    if notes:
        para(doc, f"{t('notes')}:", italic=True, size=10, before=6)
        for ind_id, year, note in notes:
            para(doc, f"- {ind_id} ({year}): {note}", italic=True, size=10)
    para(doc, t("legend_colour", h=h), italic=True, size=10, before=6)
    if reading.inputs:
        para(doc, f"{t('inputs')}: {', '.join(reading.inputs)}", italic=True, size=10)
    return grid


def appendix_02(doc: Document, reading: YearReading, head: Heading, t: Labels) -> Table:
    """Every task of the plan with its lead units, deadline and the status (note, evidence) reported."""
    lang, size = t.lang, 10
    as_of = t("doc_status_as_of", d=fmt_date(reading.tasks.as_of, lang))
    _title(doc, t("sheet2"), t("doc_title2"), [as_of], head, t, new_page=True)
    widths = [1.2, 12.4, 4.3, 2.0, 2.3, 3.5]
    tasks = reading.plan.tasks.tasks
    grid = table(doc.add_table(rows=1 + len(tasks), cols=len(widths)), widths, pad_cm=0.08)
    heads = [t("tt"), t("task"), t("lead"), t("deadline"), t("status"), t("doc_note_evidence")]
    for cell, text in zip(grid.rows[0].cells, heads, strict=True):
        cell_text(cell, text, align=CENTER, bold=True, size=size)
        shade(cell, "head")
    keep_row(grid.rows[0], repeat=True)
    for task, line in zip(tasks, grid.rows[1:], strict=True):
        report = reading.tasks.report_of(task.id)
        notes = [x for x in fmt_task_notes(reading.plan, report, lang) if x] if report else []
        status = t(report.status) if report else ""
        if report and len(report.side_by_side) > 1:  # each co-lead's own, side by side under the task's
            status = "\n".join([status, *side_by_side(reading.plan, report, lang)])
        values = [task.id, task.title, unit_names(reading, task.lead, t), fmt_date(task.deadline, lang),
                  status or ("" if "." not in task.id else t("not_reported")), "; ".join(notes)]  # fmt: skip
        heading = "." not in task.id
        if heading:
            keep_row(line)  # a long task's row may run onto the next page; a heading's never
        for k, (cell, text) in enumerate(zip(line.cells, values, strict=True)):
            cell_text(cell, text, align=CENTER if k in (0, 3, 4) else LEFT, bold=heading, size=size)
            if heading:
                shade(cell, "group")
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    return grid


def appendices(doc: Document, reading: YearReading, head: Heading, t: Labels) -> None:
    """A landscape section after the report: appendix 01 for each area, appendix 02, and the trend (03)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page(section, landscape=True)
    section.different_first_page_header_footer = False  # numbered on its first page too
    for area in word_areas(reading):
        appendix_01(doc, reading, area, head, t)
    if len(word_areas(reading)) < len(reading.areas):
        doc.add_paragraph(t("doc_areas_in_excel", n=len(reading.areas) - 1, y=reading.year))
    appendix_02(doc, reading, head, t)
    appendix_03(doc, reading, head, t)


def appendix_03(doc: Document, reading: YearReading, head: Heading, t: Labels) -> Table | None:
    """The trend: each indicator's results from the baseline year to the year read, its goal, and the value the
    path to the goal asks for this year (the Excel report draws the same numbers as charts)."""
    from hrplan.analysis.progress import required_path

    rows = [r for r in reading.main.rows if r.history and r.goal_2030 is not None]
    if not rows:
        return None
    lang, size, y, h = t.lang, 10, reading.year, reading.horizon
    years = sorted({year for r in rows for year in r.history})
    _title(doc, t("appendix", n="03"), t("doc_title3", y=y, h=h).upper(), [], head, t, new_page=True)
    widths = _widths([1.3, None, *([1.9] * len(years)), 2.0, 2.3])
    grid = table(doc.add_table(rows=1 + len(rows), cols=len(widths)), widths, pad_cm=0.08)
    heads = [t("id"), t("name"), *(str(year) for year in years), t("goal", h=h), t("trend_needed", y=y)]
    for cell, text in zip(grid.rows[0].cells, heads, strict=True):
        cell_text(cell, text, align=CENTER, bold=True, size=size)
        shade(cell, "head")
    keep_row(grid.rows[0], repeat=True)
    for row, line in zip(rows, grid.rows[1:], strict=True):
        unit = row.indicator.unit
        path = required_path(row.progress, h) if row.progress is not None else {}
        results = [fmt_number(row.history[year], unit, lang) if year in row.history else "" for year in years]
        needed = fmt_number(path[y], unit, lang) if y in path else "–"
        values = [row.indicator.id, t.name(row.indicator.name, row.indicator.name_en), *results,
                  fmt_goal(row.goal_2030, unit, lang), needed]  # fmt: skip
        for k, (cell, text) in enumerate(zip(line.cells, values, strict=True)):
            cell_text(cell, text, align=LEFT if k == 1 else CENTER if k == 0 else RIGHT, size=size)
    return grid
