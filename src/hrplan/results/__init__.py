"""Measured results: reading workbooks and CSV safely, finding the table, typed values, merging files."""
