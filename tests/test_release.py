"""The release is one version everywhere: package metadata, CHANGELOG and the README's
pre-commit snippet."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

from conftest import REPO


def _pyproject_version() -> str:
    return str(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def test_installed_version_is_the_pyproject_version() -> None:
    assert version("ntm-plan") == _pyproject_version()


def test_changelog_heads_with_the_current_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert headings and headings[0] == _pyproject_version()
    assert len(set(headings)) == len(headings)


def test_pre_commit_snippets_name_the_current_tag() -> None:
    tag = f"v{_pyproject_version()}"
    for name in ("README.md", ".pre-commit-hooks.yaml"):
        revs = re.findall(r"rev: (\S+)", (REPO / name).read_text(encoding="utf-8"))
        assert revs == [tag], name
