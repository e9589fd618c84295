"""Filling the site's templates: Jinja's sandbox with autoescape on, so every text from the
data (a task's `<script>`, a name with `"><img onerror=…>`) reaches the page as text.

The templates ship with the package (`site/templates`); the pages carry a
Content-Security-Policy that allows scripts and styles from the site's own files only.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ntm_plan.site import links
from ntm_plan.site.pages import Page

TEMPLATES = Path(__file__).parent / "templates"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
)
"""No inline script, no inline style, nothing from another origin; `data:` images only for
the browser's own form controls."""


def make_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def stamp(generated: datetime, version: str, as_of_text: str, site_name: str) -> dict[str, str]:
    return {
        "generated": generated_text(generated),
        "version": version,
        "as_of": as_of_text,
        "site_name": site_name,
        "csp": CONTENT_SECURITY_POLICY,
    }


def generated_text(moment: datetime) -> str:
    """'06/12/2026 19:14 (UTC+07:00)': the office's clock, with its offset said."""
    offset = moment.strftime("%z")
    zone = f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
    return f"{moment:%d/%m/%Y %H:%M}{zone}"


def render_page(env: SandboxedEnvironment, page: Page, common: dict[str, str]) -> bytes:
    template = env.get_template(page.template)
    text = template.render(page.context, page_title=page.title, root=links.root_of(page.url), site=common, links=_LINKS)
    return text.encode("utf-8")


_LINKS: dict[str, Any] = {
    "home": links.HOME,
    "unit_list": links.unit_list_url(),
    "assets": links.ASSETS_DIR,
}
