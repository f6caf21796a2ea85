"""Shared foundations: errors, problems as values, text folding, atomic writes. Imports nothing of hrplan."""
