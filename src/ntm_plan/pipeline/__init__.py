"""Orchestration of stages 1-4: load a data directory, one unit, or scan a large one."""
