"""Stage 5 for the terminal and programs: Vietnamese phrases, number formats, tables, JSON."""
