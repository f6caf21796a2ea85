"""Turn the plan's YAML files into models plus problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from hrplan.core.paths import bundled_dir
from hrplan.core.problems import Problem
from hrplan.plan.model import YEAR_MAX, YEAR_MIN, Plan, TargetsFile, TasksFile
from hrplan.plan.yamlsafe import Loaded, load_file

M = TypeVar("M", bound=BaseModel)

TARGETS_NAME = "targets_2024.yaml"
TASKS_NAME = "tasks.yaml"
RESULTS_NAME = "results_2022_2023.csv"


def bundled(name: str) -> Path:
    """Path of a file shipped with the package (found from any working directory)."""
    return bundled_dir() / name


def _message(err: ErrorDetails, loc: tuple[str | int, ...]) -> str:
    kind = err["type"]
    if loc and loc[-1] == "[key]":  # a dict key: a year under targets or results
        if kind in ("less_than_equal", "greater_than_equal"):
            return f"year {loc[-2]} is outside {YEAR_MIN}–{YEAR_MAX}, the years hrplan reads"
        return f"{loc[-2]}: {err['msg'].lower()}"
    field_name = next((str(x) for x in reversed(loc) if isinstance(x, str)), "value")
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}': check its spelling or remove it"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "string_pattern_mismatch":
        return f"'{err.get('input')}' is not a valid {field_name} ({err['msg'].lower()})"
    return f"{field_name}: {err['msg']} (got {err.get('input')!r})"


def _strip_union_tags(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    # Pydantic puts the union member's name ("float", "Noted", "list[float]") into the location.
    tags = {"float", "Noted", "list[float]", "constrained-str", "int", "date"}
    return tuple(x for x in loc if not (isinstance(x, str) and (x in tags or x.startswith("function-"))))


def validate_model(loaded: Loaded, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate parsed YAML against a model; errors point at the YAML node."""
    if loaded.data is None:
        return None, []
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        problems: list[Problem] = []
        seen: set[tuple[str | int, ...]] = set()
        for err in exc.errors():
            loc = _strip_union_tags(tuple(err["loc"]))
            if loc in seen:  # a union reports each failed member; one message per node is enough
                continue
            seen.add(loc)
            key = err["type"] in ("extra_forbidden",)
            problems.append(loaded.problem(loc, "schema", _message(err, loc), key=key))
        return None, problems


@dataclass
class PlanLoad:
    """The outcome of loading a plan: the model when both files are schema-valid, and problems."""

    plan: Plan | None
    targets: Loaded
    tasks: Loaded
    problems: list[Problem] = field(default_factory=list)


def kind_of(loaded: Loaded) -> str | None:
    """'targets', 'tasks' or 'collection' (who reports what: plan/collection.py) by the file's top-level keys."""
    if isinstance(loaded.data, dict):
        if "collection" in loaded.data:
            return "collection"
        if "indicators" in loaded.data:
            return "targets"
        if "tasks" in loaded.data or "units" in loaded.data:
            return "tasks"
    return None


def load_plan(
    targets_path: Path | str | None = None,
    tasks_path: Path | str | None = None,
    *,
    targets: Loaded | None = None,
    tasks: Loaded | None = None,
) -> PlanLoad:
    """Load and schema-check both plan files (bundled ones by default)."""
    t_loaded = targets or load_file(targets_path or bundled(TARGETS_NAME))
    k_loaded = tasks or load_file(tasks_path or bundled(TASKS_NAME))
    problems = [*t_loaded.problems, *k_loaded.problems]
    t_model, t_probs = (None, []) if t_loaded.problems else validate_model(t_loaded, TargetsFile)
    k_model, k_probs = (None, []) if k_loaded.problems else validate_model(k_loaded, TasksFile)
    problems += t_probs + k_probs
    plan = None
    if t_model is not None and k_model is not None:
        published_at = {
            f"{ind.id}/{year}": pos
            for i, ind in enumerate(t_model.indicators)
            if ind.published
            for year in ind.published.results
            if (pos := t_loaded.positions.get(("indicators", i, "published", "results", year))) is not None
        }
        plan = Plan(targets=t_model, tasks=k_model, targets_path=t_loaded.path, tasks_path=k_loaded.path,
                    published_at=published_at)  # fmt: skip
    return PlanLoad(plan, t_loaded, k_loaded, problems)
