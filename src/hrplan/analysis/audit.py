"""`hrplan audit`: the plan checked against itself, so the document can be corrected before it is issued."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from hrplan.analysis.published import COLUMN_LABELS, printed_cells
from hrplan.core.jsontypes import JSONObject, JSONValue
from hrplan.plan.issues import Issue, path_issues, sum_issues
from hrplan.plan.load import PlanLoad
from hrplan.plan.model import Plan
from hrplan.plan.queries import section_iii_leads

AUDITED_KINDS = ("department", "institution", "agency")  # districts lead 'phù hợp tại địa phương': too broad


@dataclass(frozen=True)
class Finding:
    code: str
    id: str
    message: str
    expected: JSONValue  # a number, a bound such as '<= 80', a list of unit ids, or None
    found: JSONValue
    path: str
    line: int | None

    def as_dict(self) -> JSONObject:
        return asdict(self)


def _from_issue(issue: Issue, load: PlanLoad) -> Finding:
    return Finding(
        issue.code,
        issue.id,
        issue.message,
        issue.expected,
        issue.found,
        load.targets.path,
        load.targets.where(issue.loc)[0],
    )


def published_findings(plan: Plan, load: PlanLoad) -> list[Finding]:
    """Printed comparison cells of appendix 01 that the plan's own numbers do not give."""
    out = []
    index = {ind.id: k for k, ind in enumerate(plan.targets.indicators)}
    for cell in printed_cells(plan):
        if cell.reproduced:
            continue
        column = COLUMN_LABELS.get(cell.column, f"TH/MT {cell.column}")
        expected = None if cell.recomputed is None else round(cell.recomputed, max(cell.decimals, 2))
        line = load.targets.where(("indicators", index[cell.id], "published", "ratios", cell.column))[0]
        shown = "–" if expected is None else f"{expected:g}%"
        out.append(
            Finding(
                "published-ratio",
                cell.id,
                f"{cell.id} {column}: printed {cell.printed}, the row's own numbers give {shown}",
                expected,
                cell.printed_value,
                load.targets.path,
                line,
            )
        )
    return out


def _appendix_leads(plan: Plan) -> dict[str, set[str]]:
    """Numbered task -> its lead units in appendix 02, including those of its '-' items."""
    leads: dict[str, set[str]] = {}
    for t in plan.tasks.tasks:
        numbered = ".".join(p for p in t.id.split(".") if p.isdigit())
        leads.setdefault(numbered, set()).update(t.lead)
    return leads


def lead_findings(plan: Plan, load: PlanLoad) -> list[Finding]:
    """Where section III gives a task to a unit that appendix 02 does not name as lead, and back."""
    kinds = {u.id: u.kind for u in plan.tasks.units}
    appendix = _appendix_leads(plan)
    sec3 = section_iii_leads(plan)
    with_assignment = {a.unit for a in plan.tasks.section_iii if a.leads}
    task_index = {t.id: k for k, t in enumerate(plan.tasks.tasks)}
    out = []
    for tid in sorted(appendix, key=lambda x: [int(p) for p in x.split(".")]):
        if "." not in tid:
            continue  # headings carry no units
        in_sec3 = {u for u in sec3.get(tid, []) if kinds.get(u) in AUDITED_KINDS}
        in_app = {u for u in appendix[tid] if kinds.get(u) in AUDITED_KINDS}
        missing = sorted(in_sec3 - in_app)
        extra = sorted(u for u in in_app - in_sec3 if u in with_assignment)
        if not missing and not extra:
            continue
        names = plan.unit_name
        line = load.tasks.where(("tasks", task_index[tid], "lead"))[0]
        if missing:
            out.append(
                Finding(
                    "lead-not-in-appendix",
                    tid,
                    f"task {tid}: section III gives it to {', '.join(names(u) for u in missing)}, "
                    "appendix 02 does not name it as lead",
                    missing,
                    sorted(appendix[tid]),
                    load.tasks.path,
                    line,
                )
            )
        if extra:
            out.append(
                Finding(
                    "lead-not-in-section-iii",
                    tid,
                    f"task {tid}: appendix 02 names {', '.join(names(u) for u in extra)} as lead, "
                    "section III does not list the task for it",
                    sorted(in_sec3),
                    extra,
                    load.tasks.path,
                    line,
                )
            )
    return out


def audit(load: PlanLoad) -> list[Finding]:
    """Every finding: printed ratios, lead units, target paths, structure sums."""
    plan = load.plan
    if plan is None:
        return []
    return [
        *published_findings(plan, load),
        *lead_findings(plan, load),
        *(_from_issue(i, load) for i in path_issues(plan)),
        *(_from_issue(i, load) for i in sum_issues(plan)),
    ]
