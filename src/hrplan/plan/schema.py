"""JSON Schema of the plan files, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from hrplan.core.jsontypes import JSONObject
from hrplan.plan.collection import CollectionFile
from hrplan.plan.model import TargetsFile, TasksFile

FILES: dict[str, type[BaseModel]] = {
    "targets.schema.json": TargetsFile,
    "tasks.schema.json": TasksFile,
    "collection.schema.json": CollectionFile,
}


def schemas() -> dict[str, JSONObject]:
    """File name -> JSON Schema document."""
    out = {}
    for name, model in FILES.items():
        doc = model.model_json_schema(by_alias=True)
        out[name] = {"$schema": "https://json-schema.org/draft/2020-12/schema", **doc}
    return out


def schema_text(doc: JSONObject) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write the schema files atomically into out_dir."""
    from hrplan.core.atomic import write_text

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in schemas().items():
        path = out_dir / name
        write_text(path, schema_text(doc))
        written.append(path)
    return written
