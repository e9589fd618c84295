"""Commands that write Word documents: `plan`, `report`, `templates check`.

Registered on the main app by `cli`. docx and jinja are imported inside the commands only,
so that `gap` and friends start fast.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer, templates_app: typer.Typer) -> None:
    """Add the document commands to the app (filled in by the documents work)."""
