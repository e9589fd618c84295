"""The program's exit codes, on the ground floor so that every layer names them alike."""

from __future__ import annotations

OK = 0
DATA_PROBLEMS = 1
"""Problems in the data or a refused output, each printed as a diagnostic."""
USAGE = 2
"""The command line itself is wrong: an unknown option, a name that fits no unit."""
INTERNAL = 3
"""A bug of ours: one line (a traceback with --debug)."""
INTERRUPTED = 130
"""Ctrl-C or SIGTERM, as shells report a SIGINT."""
STOPPED = "Đã dừng."
"""What an interrupted command says."""
