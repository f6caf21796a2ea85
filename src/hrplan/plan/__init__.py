"""The plan as data: models, the safe YAML loader, loading and pairing plan files, semantic checks, queries."""
