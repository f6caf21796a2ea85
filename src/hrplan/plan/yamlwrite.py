"""Plan files written back as YAML that the one loader (plan.yamlsafe) reads: no anchors or aliases, ids as
text, keys in the models' order, Vietnamese as it is."""

from __future__ import annotations

import yaml

from hrplan.plan.model import TargetsFile


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # the loader refuses aliases
        return True


def targets_yaml(targets: TargetsFile, header: list[str]) -> str:
    """The targets file as YAML text, below a comment header (one line per item of `header`)."""
    body = targets.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    body["plan"] = {**body["plan"], "horizon": targets.plan.horizon}  # said, not left to the default
    text = yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return "".join(f"# {line}".rstrip() + "\n" for line in header) + "\n" + text
