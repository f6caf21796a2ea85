"""`hrplan new-year`: a plan rolled forward one year. Pure: the results of the year that ended become the
plan's published results; everything else carries over; the new year's targets are left to fill in."""

from __future__ import annotations

from hrplan.core.paths import displayed
from hrplan.core.problems import Problem, Severity
from hrplan.plan.model import Indicator, Noted, Plan, Published, TargetsFile
from hrplan.results.measured import Measured


def roll_forward(plan: Plan, values: list[Measured], year: int, source_name: str) -> tuple[TargetsFile, list[Problem]]:
    """The targets file for `year` from the plan for `year - 1` and the province's results of `year - 1`.

    Each result keeps where it was read in its note. Indicators the results lack are listed (a warning), and
    so is a result the plan already published with another value (the new one is kept: it is the later word).
    """
    ended = year - 1
    info = plan.targets.plan
    province = {m.id: m for m in values if m.year == ended and not m.area}
    problems: list[Problem] = []
    indicators = [_rolled(ind, province.get(ind.id), ended, problems) for ind in plan.targets.indicators]
    expected = [i.id for i in plan.targets.indicators if ended in i.targets or (i.published and i.published.results)]
    missing = [i for i in expected if i not in province]
    if missing:
        problems.append(Problem(source_name, None, None, "no-result-to-roll",
                                f"no {ended} result for {', '.join(missing)}: their published results stop before "
                                f"{ended} (add them to the results and run new-year again, or fill them in the new "
                                "file later)", Severity.WARNING))  # fmt: skip
    new_info = info.model_copy(update={"year": year, "rolled_from": f"{info.id} ({info.year})"})
    return plan.targets.model_copy(update={"plan": new_info, "indicators": indicators}), problems


def _rolled(ind: Indicator, result: Measured | None, ended: int, problems: list[Problem]) -> Indicator:
    if result is None:
        return ind
    where = displayed(str(result.where), result.file)
    note = f"{ended} result from {where}" + (f" ({result.note})" if result.note else "")
    value = Noted(value=result.value, note=note)
    pub = ind.published or Published(year=ended)
    old = pub.results.get(ended)
    if old is not None:
        before = old.value if isinstance(old, Noted) else float(old)
        if abs(before - result.value) > 1e-9:
            problems.append(result.where.problem(
                "differs-from-published",
                f"{ind.id} {ended}: {result.value:g} here, where the plan published {before:g}; the new value is "
                "written", Severity.WARNING))  # fmt: skip
    results = {**pub.results, ended: value}
    return ind.model_copy(update={"published": pub.model_copy(update={"results": dict(sorted(results.items()))})})
