"""The Word report's body, written from the reading: I. results by indicator group, one sentence per indicator;
II. tasks by lead unit and the overdue ones; III. shortcomings; IV. the analyst's proposals, left to be written
by hand. Every sentence is a template in labels.py; every number goes through fmt.py; nothing is decided here."""

from __future__ import annotations

from collections.abc import Iterable

from hrplan.analysis.progress import SEVERITY_ORDER
from hrplan.analysis.ratios import Comparison, Verdict
from hrplan.analysis.reading import AreaReading, YearReading
from hrplan.report.docx_kit import Container, body, run
from hrplan.report.fmt import fmt_amount, fmt_basis, fmt_date, fmt_goal, fmt_ratio, fmt_task_notes
from hrplan.report.labels import Labels


def unit_names(reading: YearReading, ids: Iterable[str], t: Labels) -> str:
    """Units by id, in this language, joined with '; '."""
    units = {u.id: u for u in reading.plan.tasks.units}
    return "; ".join(t.name(units[i].name, units[i].name_en) if i in units else i for i in ids)


def _name(row: Comparison, t: Labels) -> str:
    return t.name(row.indicator.name, row.indicator.name_en)


def _source(reading: YearReading, source: str, t: Labels) -> str:
    info = reading.plan.targets.sources.get(source)
    return t.name(info.name, info.name_en) if info else source


def target_clauses(row: Comparison, reading: YearReading, t: Labels, *, missed_only: bool = False) -> list[str]:
    """'bằng 100,15% kế hoạch năm (đạt mục tiêu 68,8%)' for each target of the year, in the plan's source order;
    the source is named when the year has more than one."""
    lang, unit = t.lang, row.indicator.unit
    out = []
    for s in reading.sources:
        verdict = row.verdict(s)
        if verdict is Verdict.NO_TARGET or (missed_only and verdict is not Verdict.NOT_MET):
            continue
        words = {"target": fmt_amount(row.targets[s], unit, lang), "verdict": t(f"v_{verdict.value}"),
                 "source": _source(reading, s, t)}  # fmt: skip
        value = row.ratio_targets[s].value
        if value is None:
            out.append(t("s_target_plain", **words))
        else:
            key = "s_target_one" if len(reading.sources) == 1 else "s_target"
            out.append(t(key, ratio=fmt_ratio(value, lang), **words))
    return out


def _result(row: Comparison, reading: YearReading, t: Labels) -> str:
    """'Tỷ lệ lao động qua đào tạo đạt 67,7% (năm 2022: 66,7%)'."""
    unit, y = row.indicator.unit, reading.year
    text = t("s_result", name=_name(row, t), value=fmt_amount(row.result, unit, t.lang))
    if row.previous is not None:
        text += t("s_previous", p=y - 1, value=fmt_amount(row.previous, unit, t.lang))
    return text


def sentence(row: Comparison, reading: YearReading, t: Labels) -> str:
    """One indicator in one sentence, with only the facts the reading has."""
    lang, unit, y = t.lang, row.indicator.unit, reading.year
    if row.result is None:
        text = t("s_no_result", name=_name(row, t), y=y)
        if row.previous is not None:
            text += t("s_previous", p=y - 1, value=fmt_amount(row.previous, unit, lang))
        named = len(reading.sources) > 1
        targets = [fmt_amount(row.targets[s], unit, lang) + (f" ({_source(reading, s, t)})" if named else "")
                   for s in reading.sources if s in row.targets]  # fmt: skip
        if targets:
            text += "; " + t("s_targets_set", targets="; ".join(targets))
        return text + "."
    clauses = target_clauses(row, reading, t)
    if row.ratio_2030.value is not None:
        goal = fmt_goal(row.goal_2030, unit, lang)
        clauses.append(t("s_goal", ratio=fmt_ratio(row.ratio_2030.value, lang), h=reading.horizon, goal=goal))
    text = ", ".join([_result(row, reading, t), *clauses])
    if row.progress is not None and row.progress.judged:
        text += "; " + t("s_pace", klass=t(row.progress.klass))
    return text + "."


def _heading(doc: Container, text: str) -> None:
    body(doc, text, bold=True, keep=True)


def _item(doc: Container, text: str) -> None:
    body(doc, f"- {text}")


def _summary(area: AreaReading, reading: YearReading, t: Labels, key: str) -> str | None:
    s = area.summary
    if not s.with_targets and not s.with_goal:
        return None
    return t(key, y=reading.year, met=s.met_targets, judged=s.with_targets, reached=s.reached_goal,
             goals=s.with_goal, h=reading.horizon, area=area.area or t("province"))  # fmt: skip


def results(doc: Container, reading: YearReading, t: Labels) -> None:
    """I. The province's indicators group by group; with districts, each district's summary."""
    plan = reading.plan
    _heading(doc, t("doc_s1", y=reading.year))
    summary = _summary(reading.main, reading, t, "doc_summary")
    if summary:
        body(doc, summary)
    body(doc, fmt_basis(reading, t.lang))
    n = 0
    for n, (group, rows) in enumerate(reading.main.by_group(plan), start=1):
        info = plan.targets.groups[group]
        _heading(doc, f"{n}. {t.name(info.name, info.name_en)}")
        for row in rows:
            _item(doc, sentence(row, reading, t))
    if len(reading.areas) > 1:
        _heading(doc, f"{n + 1}. {t('doc_by_area')}")
        shown = word_areas(reading)
        for area in shown[1:]:
            _item(doc, _summary(area, reading, t, "doc_area_summary") or f"{area.area}: {t('none')}")
        if len(shown) < len(reading.areas):
            _item(doc, t("doc_areas_in_excel", n=len(reading.areas) - 1, y=reading.year))


def tasks(doc: Container, reading: YearReading, t: Labels) -> None:
    """II. Completion by lead unit, the tasks overdue, the notes the units sent."""
    summary, lang = reading.tasks, t.lang
    _heading(doc, t("doc_s2"))
    _heading(doc, f"1. {t('doc_s2_units')}")
    if not summary.reported:
        body(doc, t("doc_none_reported"))
    else:
        for c in summary.completion:
            counts = [(k, getattr(c, k)) for k in ("done", "in_progress", "not_started", "not_reported")]
            text = ", ".join(f"{t(k)} {v}" for k, v in counts if v)
            _item(doc, t("doc_unit_tasks", unit=unit_names(reading, [c.unit], t), n=c.tasks, counts=text))
    _heading(doc, f"2. {t('doc_s2_overdue', d=fmt_date(summary.as_of, lang))}")
    if not summary.overdue:
        body(doc, t("none"))
    for o in summary.overdue:
        _item(doc, t("doc_overdue_item", id=o.id, title=o.title.rstrip(" ."), deadline=fmt_date(o.deadline, lang),
                     lead=unit_names(reading, o.lead, t), status=t(o.status)))  # fmt: skip
    notes = [(r.id, *fmt_task_notes(reading.plan, r, lang)) for r in summary.reports]
    notes = [n for n in notes if n[1] or n[2]]
    if notes:
        _heading(doc, f"3. {t('doc_s2_notes')}")
        for tid, note, evidence in notes:
            text = "; ".join(x for x in (note, t("doc_evidence", e=evidence) if evidence else None) if x)
            _item(doc, t("doc_task_note", id=tid, text=text))


def _missed(doc: Container, reading: YearReading, t: Labels) -> None:
    found = False
    for area in word_areas(reading):
        rows: dict[str, Comparison] = {}
        for m in area.missed:
            rows.setdefault(m.row.indicator.id, m.row)
        for row in rows.values():
            where = f"{area.area}: " if area.area else ""
            clauses = target_clauses(row, reading, t, missed_only=True)
            _item(doc, where + ", ".join([_result(row, reading, t), *clauses]) + ".")
            found = True
    if not found:
        body(doc, t("none"))


def _pace(doc: Container, reading: YearReading, t: Labels) -> None:
    """Indicators whose pace the reading marks poor (limited, stagnating, moving away), the worst first."""
    lang, h = t.lang, reading.horizon
    rows = [r for r in reading.main.rows if r.progress is not None and r.progress.tone == "poor"]
    rows.sort(key=lambda r: (SEVERITY_ORDER.index(r.progress.klass) if r.progress else 0, r.indicator.id))
    for r in rows:
        p, unit = r.progress, r.indicator.unit
        if p is None:  # pragma: no cover - filtered above
            continue
        details: list[str] = []  # the official text gives the projection; R stays in the Markdown and the JSON
        if p.projected_2030 is not None:
            details.append(f"{t('projected', h=h)}: {fmt_amount(p.projected_2030, unit, lang)}")
        if r.goal_2030 is not None:
            details.append(f"{t('goal', h=h)}: {fmt_goal(r.goal_2030, unit, lang)}")
        extra = f" ({'; '.join(details)})" if details else ""
        _item(doc, f"{_name(r, t)}: {t(p.klass)}{extra}.")
    if not rows:
        body(doc, t("none"))


def shortcomings(doc: Container, reading: YearReading, t: Labels) -> None:
    """III. Targets missed, indicators off pace, units that did not report, indicators without a result."""
    y, h = reading.year, reading.horizon
    _heading(doc, t("doc_s3"))
    _heading(doc, f"1. {t('doc_s3_missed', y=y)}")
    _missed(doc, reading, t)
    _heading(doc, f"2. {t('doc_s3_pace', h=h)}")
    _pace(doc, reading, t)
    _heading(doc, f"3. {t('doc_s3_units')}")
    silent = [c for c in reading.tasks.completion if c.not_reported]
    for c in silent:
        _item(doc, t("doc_unit_unreported", unit=unit_names(reading, [c.unit], t), k=c.not_reported, n=c.tasks))
    if not silent:
        body(doc, t("none"))
    missing = [r for r in reading.main.rows if r.result is None]
    if missing:
        _heading(doc, f"4. {t('doc_s3_empty', y=y)}")
        for r in missing:
            lead = f" ({unit_names(reading, r.indicator.lead, t)})" if r.indicator.lead else ""
            _item(doc, f"{r.indicator.id}. {_name(r, t)}{lead}.")


def proposals(doc: Container, t: Labels) -> None:
    """IV. Left to the analyst: a highlighted placeholder paragraph."""
    _heading(doc, t("doc_s4"))
    run(body(doc), t("doc_s4_placeholder"), italic=True, highlight=True)


def write_body(doc: Container, reading: YearReading, t: Labels) -> None:
    results(doc, reading, t)
    tasks(doc, reading, t)
    shortcomings(doc, reading, t)
    proposals(doc, t)


WORD_AREAS = 30  # a province's districts; a national roll-up of communes belongs in the Excel file


def word_areas(reading: YearReading) -> list[AreaReading]:
    """The areas the Word report lays out: all of a province's districts, or, past WORD_AREAS of them, the
    province alone (the Excel report holds every area on one sheet)."""
    return reading.areas if len(reading.areas) <= WORD_AREAS + 1 else reading.areas[:1]
