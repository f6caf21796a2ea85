"""Renderers: console tables, problem listings, Excel and Markdown reports."""
