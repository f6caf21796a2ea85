"""hrplan: indicator calculator for provincial human-resources development plans."""

__version__ = "0.1.0"
