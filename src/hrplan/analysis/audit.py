"""`hrplan audit`: the plan checked against itself, so the document can be corrected before it is issued."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from hrplan.analysis.published import COLUMN_LABELS, printed_cells
from hrplan.core.jsontypes import JSONObject, JSONValue
from hrplan.core.problems import Severity
from hrplan.plan.issues import Issue, path_issues, sum_issues
from hrplan.plan.load import PlanLoad
from hrplan.plan.model import Plan
from hrplan.plan.roles import role_issues
from hrplan.plan.yamlsafe import Loaded


@dataclass(frozen=True)
class Finding:
    code: str
    id: str
    message: str
    expected: JSONValue  # a number, a bound such as '<= 80', a list of unit ids, or None
    found: JSONValue
    path: str
    line: int | None
    severity: Severity = Severity.WARNING  # INFO: a difference the plan's data accepts (its note in the message)
    unit: str | None = None  # the unit a lead or partner difference is about

    @property
    def accepted(self) -> bool:
        return self.severity is Severity.INFO

    def as_dict(self) -> JSONObject:
        return asdict(self)


def _from_issue(issue: Issue, file: Loaded) -> Finding:
    line = file.where(issue.loc)[0]
    expected, found = issue.expected, issue.found
    return Finding(issue.code, issue.id, issue.message, expected, found, file.path, line, issue.severity, issue.unit)


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


def audit(load: PlanLoad) -> list[Finding]:
    """Every finding: printed ratios, lead and partner units, target paths, structure sums. Those the plan's data
    accepts (with a note) are INFO: they are listed, and do not fail."""
    plan = load.plan
    if plan is None:
        return []
    return [
        *published_findings(plan, load),
        *(_from_issue(i, load.tasks) for i in role_issues(plan)),
        *(_from_issue(i, load.targets) for i in path_issues(plan)),
        *(_from_issue(i, load.targets) for i in sum_issues(plan)),
    ]
