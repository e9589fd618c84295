"""The command line: parse arguments, call the pipeline, print, choose the exit code.

The only layer that imports typer or rich; every command is a thin function over the
pipeline stages below it.
"""

from ntm_plan.cli.app import main

__all__ = ["main"]
