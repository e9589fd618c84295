"""The least any `gap` built on the agreed libraries can cost: a typer command that
defines 26 pydantic models (as many as `ntm_plan.model`) and prints one 30-row rich table
of SYNTHETIC text. `gap_ratio.py` times it next to the bare imports, so that the ratio
of `gap` can be read against what the libraries themselves need once used.
"""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import BaseModel, ConfigDict, Field
from rich.console import Console
from rich.table import Table


class Base(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True)


MODELS = [
    type(
        f"Model{i}",
        (Base,),
        {
            "__annotations__": {"a": "int", "b": "str | None", "c": "list[str]"},
            "b": None,
            "c": Field(default_factory=list),
        },
    )
    for i in range(26)
]

app = typer.Typer()


@app.command()
def gap(name: list[str], as_of: Annotated[str | None, typer.Option("--as-of")] = None) -> None:
    table = Table(title="synthetic")
    for column in "abcdef":
        table.add_column(column)
    for row in range(30):
        table.add_row(*[f"ô chữ {row} {column} dài một chút để gói dòng" for column in "abcdef"])
    Console(width=160).print(table)


@app.command()
def other() -> None:
    """A second command, so that typer builds a group as the real program does."""


if __name__ == "__main__":
    app()
