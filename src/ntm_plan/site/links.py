"""Where each page lives in the site, relative to its root. Ids are slugs, safe as file names."""

from __future__ import annotations

UNITS_DIR = "don-vi"
SETS_DIR = "bo-tieu-chi"
DEPARTMENTS_DIR = "phong-ban"
ASSETS_DIR = "assets"
HOME = "index.html"
UNIT_LIST = "danh-sach"


def unit_url(unit_id: str) -> str:
    return f"{UNITS_DIR}/{unit_id}.html"


def set_url(set_id: str) -> str:
    return f"{SETS_DIR}/{set_id}.html"


def department_url(department_id: str) -> str:
    return f"{DEPARTMENTS_DIR}/{department_id}.html"


def numbered(url: str, page: int) -> str:
    """The n-th page of a long list: 'phong-ban/x.html', then 'phong-ban/x-trang-2.html'."""
    return url if page == 1 else url.removesuffix(".html") + f"-trang-{page}.html"


def unit_list_url(page: int = 1) -> str:
    return numbered(f"{UNITS_DIR}/{UNIT_LIST}.html", page)


def root_of(url: str) -> str:
    """The prefix that leads from a page back to the site's root: '' or '../'."""
    return "../" * url.count("/")
