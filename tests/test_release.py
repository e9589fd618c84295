"""The release is one version everywhere (package metadata, CHANGELOG), the README's
pre-commit snippet names a commit that exists, and the LICENSE is the declared one."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from importlib.metadata import metadata, version

import pytest

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


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False)


def test_the_pre_commit_rev_resolves_in_the_repository_as_cloned() -> None:
    """Tags do not travel with the repository: the snippets name a commit, which must exist
    here, hold the hooks they use, and be the release its comment says."""
    if shutil.which("git") is None or _git("rev-parse", "--is-inside-work-tree").stdout.strip() != "true":
        pytest.skip("not a git checkout")
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone holds only its last commits")
    for name in ("README.md", ".pre-commit-hooks.yaml"):
        text = (REPO / name).read_text(encoding="utf-8")
        revs = re.findall(r"rev: (\S+)  # (\d+\.\d+\.\d+)", text)
        assert len(revs) == 1 and len(re.findall(r"^\s*#?\s*rev:", text, re.M)) == 1, name
        rev, release = revs[0]
        assert re.fullmatch(r"[0-9a-f]{40}", rev), f"{name}: rev {rev} is not a full commit sha"
        assert _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode == 0, f"{name}: {rev}"
        assert _git("merge-base", "--is-ancestor", rev, "HEAD").returncode == 0, f"{name}: {rev} is not in history"
        hooks = _git("show", f"{rev}:.pre-commit-hooks.yaml").stdout
        assert "- id: ntm-plan-validate" in hooks and "- id: ntm-plan-templates" in hooks
        pyproject = tomllib.loads(_git("show", f"{rev}:pyproject.toml").stdout)
        assert pyproject["project"]["version"] == release, name


def test_the_license_file_matches_the_package_metadata() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]
    assert declared == "MIT" and metadata("ntm-plan")["License-Expression"] == declared
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text
