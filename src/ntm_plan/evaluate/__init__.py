"""Stage 4: pure evaluation of units, criteria and tasks at a date. No I/O, no clock."""
