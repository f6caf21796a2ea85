"""The plan as data: Pydantic models for the targets file and the tasks file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

IndicatorId = Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]+[a-z]?$")]
TaskId = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)*(\.[a-z])?$")]
UnitId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Unit = Literal["percent", "people"]
Direction = Literal["increase", "decrease", "keep"]
# The years a plan and its results may name: the range results files are read in (results.values.parse_year).
YEAR_MIN, YEAR_MAX = 1900, 2100
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]


class Frozen(BaseModel):
    # NaN and infinity are no plan's numbers (YAML reads `.nan`, `.inf` and `1e400` as floats)
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Noted(Frozen):
    """A number with the note that says how it was read from the text."""

    value: float
    note: Text


Number = float | Noted
RangeGoal = Annotated[list[float], Field(min_length=2, max_length=2)]
Goal = float | RangeGoal | Noted


def number(v: Number) -> float:
    """The bare value of a plain or noted number."""
    return v.value if isinstance(v, Noted) else float(v)


def parent_id(task_id: str) -> str | None:
    """'4.10' -> '4', '3.1.a' -> '3.1', '4' -> None."""
    return task_id.rsplit(".", 1)[0] if "." in task_id else None


def numbered_id(task_id: str) -> str:
    """The numbered task a row belongs to: '3.1.a' -> '3.1', '4.10' -> '4.10', '4' -> '4'."""
    return ".".join(p for p in task_id.split(".") if p.isdigit())


def goal_bounds(goal: Goal) -> tuple[float, float]:
    """(low, high) of a goal; a single number gives (x, x)."""
    if isinstance(goal, list):
        return (float(goal[0]), float(goal[1]))
    x = number(goal)
    return (x, x)


class PlanInfo(Frozen):
    id: Text
    title: Text
    title_en: Text | None = None
    province: Text
    issued: dt.date
    year: Year
    horizon: Year = 2030
    baseline_year: Year | None = None  # the year progress to the horizon is measured from; default: earliest result
    baseline_note: Text | None = None  # why that year
    implements: Text | None = None
    rolled_from: Text | None = None  # set by `hrplan new-year` until the new plan's own data are filled in


class SourceInfo(Frozen):
    name: Text
    name_en: Text | None = None


class GroupInfo(Frozen):
    name: Text
    name_en: Text | None = None


class Published(Frozen):
    """Appendix 01 as printed: the results and the comparison cells, kept for audit."""

    year: Year
    results: dict[Year, Number] = Field(default_factory=dict)
    ratios: dict[str, Text] = Field(default_factory=dict)
    next_target: Text | None = None


class Indicator(Frozen):
    id: IndicatorId
    group: Text
    name: Text
    name_en: Text
    unit: Unit
    direction: Direction
    goal_2030: Goal | None = None
    targets: dict[Year, dict[SourceId, Number]] = Field(default_factory=dict)
    lead: list[UnitId] = Field(default_factory=list)
    partners: list[UnitId] = Field(default_factory=list)
    ref: Text
    published: Published | None = None
    notes: list[Text] = Field(default_factory=list)


class AcceptedDeviation(Frozen):
    year: Year | None = None
    source: Text
    note: Text


class SumConstraint(Frozen):
    """Indicators whose values must add up to a total, e.g. the labour structure to 100%."""

    name: Text
    ids: list[IndicatorId] = Field(min_length=2)
    total: float
    tolerance: float = 0.05
    accepted: list[AcceptedDeviation] = Field(default_factory=list)

    def holds(self, total: float) -> bool:
        """Whether a sum meets the total within the tolerance, both sides inclusive. Shares typed with two
        decimals add up with binary rounding (51,70 + 18,90 + 29,45 = 100.05000000000001): differences below
        a billionth are not differences."""
        return abs(total - self.total) <= self.tolerance + 1e-9


class TargetsFile(Frozen):
    plan: PlanInfo
    sources: dict[SourceId, SourceInfo]
    groups: dict[Text, GroupInfo]
    constraints: list[SumConstraint] = Field(default_factory=list)
    indicators: list[Indicator]


class OrgUnit(Frozen):
    id: UnitId
    name: Text
    name_en: Text
    kind: Literal["department", "district", "institution", "group", "agency"]
    aliases: list[Text] = Field(default_factory=list)  # short forms the plan text uses (a test finds each in it)
    abbreviations: list[Text] = Field(default_factory=list)  # forms the text never uses, for lookups only


class Quantity(Frozen):
    value: float
    unit: Text
    what: Text
    approximate: StrictBool = False  # printed 'khoảng 1.200' (about 1,200); validate checks it against the task text


class Task(Frozen):
    id: TaskId
    title: Text
    text: Text | None = None
    lead: list[UnitId] = Field(default_factory=list)
    partners: list[UnitId] = Field(default_factory=list)
    deadline: dt.date | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    indicators: list[IndicatorId] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class Duty(Frozen):
    """Something else section III asks of a unit: a part in the tasks it names, or in every task."""

    text: Text
    deadline: dt.date | None = None
    tasks: list[TaskId] = Field(default_factory=list)  # the tasks it names ('1.5, 1.7; 4.1'); a heading: all under it
    carried_out_by: UnitId | None = None  # another unit that does it (item 1: the Sở directs the employment centre)
    every_task: StrictBool = False  # 'phối hợp … thực hiện các nhiệm vụ khác': a part in every task of the plan


class Assignment(Frozen):
    """What section III (Tổ chức thực hiện) says one unit leads ('chủ trì') and what else it asks of it."""

    unit: UnitId
    leads: list[TaskId] = Field(default_factory=list)
    except_: list[TaskId] = Field(default_factory=list, alias="except")
    duties: list[Duty] = Field(default_factory=list)
    note: Text | None = None


RoleCode = Literal["lead-not-in-appendix", "lead-not-in-section-iii", "partner-not-in-appendix",
                   "partner-not-in-section-iii"]  # fmt: skip


class AcceptedDifference(Frozen):
    """A difference between section III and appendix 02 that the plan means: audit reports it as info, with the note.
    Each of its tasks must match a difference of that code for that unit (validate fails a stale entry)."""

    code: RoleCode
    unit: UnitId
    tasks: list[TaskId] = Field(min_length=1)  # as the audit names them: a numbered task, or a row such as '4.6.a'
    note: Text


class TasksFile(Frozen):
    plan: Text
    units: list[OrgUnit]
    tasks: list[Task]
    section_iii: list[Assignment] = Field(default_factory=list)
    accepted: list[AcceptedDifference] = Field(default_factory=list)


class Plan(Frozen):
    """Both files of one plan, loaded and schema-valid."""

    targets: TargetsFile
    tasks: TasksFile
    targets_path: str
    tasks_path: str
    # where each published result stands in the targets file: "A1/2023" -> (line, column)
    published_at: dict[str, tuple[int, int]] = Field(default_factory=dict)

    def indicator(self, ind_id: str) -> Indicator | None:
        return next((i for i in self.targets.indicators if i.id == ind_id), None)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks.tasks if t.id == task_id), None)

    def unit_name(self, unit_id: str) -> str:
        return next((u.name for u in self.tasks.units if u.id == unit_id), unit_id)
