"""`ntm-plan site`: the figures are `gap`'s, data text is escaped, links stay inside the
folder, pages stay small, and the folder rules hold (see tests/test_site_browser.py for
the same site in a real browser)."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import REAL_DATA, SYNTHETIC
from ntm_plan.model.names import fold, unit_key
from ntm_plan.present.vnformat import number
from ntm_plan.site.folder import MANIFEST
from ntm_plan.site.render import CONTENT_SECURITY_POLICY
from ntm_plan.site.stamp import data_version, version_text
from site_helpers import AS_OF, IMG_PAYLOAD, SCRIPT_PAYLOAD, build, parse, xss_data

PAGE_LIMIT = 200 * 1024


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    build(REAL_DATA, out)
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _gap_json(cli, *args: str) -> dict:
    run = cli("gap", *args, "--format", "json", "--as-of", AS_OF.isoformat(), "--data", str(REAL_DATA))
    assert run.code == 0, run.err
    return json.loads(run.out)["units"][0]


def _shown_number(text: str) -> str | None:
    match = re.search(r"[0-9][0-9.]*(?:,[0-9]+)?", text)
    return match[0] if match else None


def test_unit_page_shows_the_figures_of_gap_json(real_site: Path, cli) -> None:
    """Every indicator of xã Đức Đồng: the status and the gap the page shows are those of
    `gap Duc Dong --format json` (the gap as the command line words it: needed, else gap)."""
    unit = _gap_json(cli, "Duc", "Dong")
    rows = parse(real_site / "don-vi" / "duc-dong.html").rows
    indicators = [i for c in unit["by_criterion"] for i in c["indicators"]]
    assert len(indicators) > 10
    for ind in indicators:
        row = rows[ind["indicator"]]
        assert row["status"] == ind["status"], ind["indicator"]
        figure = ind["needed"] if ind["needed"] else ind["gap"]
        if figure:
            assert _shown_number(row["gap"]) == number(figure, max_places=2), (ind["indicator"], row["gap"])
        elif not ind["surplus"]:
            assert row["gap"] == "—", ind["indicator"]
    income = rows["10"]
    assert income["gap"] == "còn thiếu 4,98 triệu đồng/người/năm"
    assert income["status"] == "chưa đạt"


def test_unit_page_counts_are_gap_counts(real_site: Path, cli) -> None:
    unit = _gap_json(cli, "Duc", "Dong")
    text = " ".join(parse(real_site / "don-vi" / "duc-dong.html").text)
    counts = unit["criteria"]
    assert (
        f"đạt {counts['met']} · chưa đạt {counts['not_met']} · chưa đánh giá {counts['unknown']} "
        f"(trên {counts['total']} tiêu chí)"
    ) in text
    assert unit["status"] in text


def test_home_counts_states_as_gap_does_and_unknown_apart(real_site: Path, cli) -> None:
    """The home table of units by state sums each unit's `gap` status: 'chưa đánh giá' and
    'chưa có bộ tiêu chí' are their own rows, never added to 'chưa đạt'."""
    run = cli("status", "--format", "json", "--as-of", AS_OF.isoformat(), "--data", str(REAL_DATA))
    units = json.loads(run.out)["units"]
    expected = {"Đạt": 0, "Chưa đạt": 0, "Chưa đánh giá": 0, "Chưa có bộ tiêu chí": 0}
    for u in units:
        if u["target"] is None:
            expected["Chưa có bộ tiêu chí"] += 1
        else:
            status = _gap_json(cli, "-u", u["id"])["status"]
            expected[{"đạt": "Đạt", "chưa đạt": "Chưa đạt", "chưa đánh giá": "Chưa đánh giá"}[status]] += 1
    html = (real_site / "index.html").read_text(encoding="utf-8")
    table = html.split('id="chart-states-caption"')[1].split("</table>")[0]
    cells = r'<td data-label="[^"]*">([^<]+)</td><td class="num" data-label="Số lượng">(\d+)</td>'
    shown = dict(re.findall(cells, table))
    assert {k: int(v) for k, v in shown.items()} == expected
    assert expected["Chưa đánh giá"] + expected["Chưa có bộ tiêu chí"] > 0, "the real data has units not assessed"


def test_every_page_has_the_policy_date_and_version(real_site: Path) -> None:
    policy = CONTENT_SECURITY_POLICY.replace("'", "&#39;")
    for page in _pages(real_site):
        html = page.read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in html, page
        assert 'Số liệu đánh giá đến ngày <span class="as-of">30/09/2024</span>' in html, page
        assert '<span class="generated">01/10/2024 08:30 (UTC+00:00)</span>' in html, page
        assert '<span class="data-version">abc1234</span>' in html, page
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY


def test_every_link_stays_in_the_folder(real_site: Path) -> None:
    """No page asks for anything outside the site: every src and href is relative and
    names a file the site wrote (a # anchor aside)."""
    for page in _pages(real_site):
        for tag, attrs in parse(page).tags:
            for name in ("src", "href"):
                value = attrs.get(name)
                if value is None or value.startswith("#"):
                    continue
                assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", value, re.IGNORECASE), (page, tag, value)
                target = (page.parent / value.split("#")[0]).resolve()
                assert target.is_file() and target.is_relative_to(real_site.resolve()), (page, value)


def test_pages_are_small(real_site: Path) -> None:
    sizes = {p.name: p.stat().st_size for p in _pages(real_site)}
    assert max(sizes.values()) < PAGE_LIMIT, max(sizes.items(), key=lambda kv: kv[1])


def test_search_index_holds_folded_keys(real_site: Path) -> None:
    script = (real_site / "assets" / "search-index.js").read_text(encoding="utf-8")
    doc = json.loads(script.removeprefix("window.NTM_SEARCH_INDEX = ").rstrip().removesuffix(";"))
    entry = next(e for e in doc["entries"] if e[2] == "don-vi/duc-dong.html")
    assert entry[0] == "Xã Đức Đồng (đến 30/06/2025)" and entry[4] == 1, "the old commune, the one of 30/09/2024"
    assert "duc dong" in entry[3] and "xa duc dong" in entry[3]
    new = next(e for e in doc["entries"] if e[2] == "don-vi/xa-duc-dong-18304.html")
    assert new[0] == "Xã Đức Đồng (từ 01/07/2025)" and new[4] == 0
    assert unit_key("xã Đức Đồng") == "duc dong" == fold("Đức Đồng")
    assert re.match(doc["prefix"], "xa duc dong") and not re.match(doc["prefix"], "duc dong")


def test_data_text_is_escaped(tmp_path: Path) -> None:
    """Script payloads in a SYNTHETIC task, note, alias and source reach the page as text:
    the only script elements are the site's own two files, and no attribute runs code."""
    out = tmp_path / "public"
    build(xss_data(tmp_path), out)
    pages = [out / "don-vi" / "xuan-thu.html", out / "phong-ban" / "van-hoa.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        elements = parse(page)
        scripts = [attrs for tag, attrs in elements.tags if tag == "script"]
        assert [s.get("src") for s in scripts] == ["../assets/search-index.js", "../assets/search.js"], page
        assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs), page
        assert not any(tag == "img" for tag, _ in elements.tags), page
        assert "&lt;script&gt;window.__ntmXss" in html, page
        text = "".join(elements.text)
        assert SCRIPT_PAYLOAD in text or IMG_PAYLOAD in text, page
    index = (out / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert "</script" not in index


def test_data_version_is_the_data_commit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    assert data_version(data).commit is None
    assert version_text(data_version(data)).startswith("không rõ")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "data"], check=True)
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
    version = data_version(data)
    assert version.commit == head.stdout.strip() and not version.dirty
    (data / "a.yaml").write_text("x: 2\n", encoding="utf-8")
    assert data_version(data).dirty
    assert "chưa ghi vào git" in version_text(data_version(data))


# ---- the folder rules -------------------------------------------------------------------


def _site(cli, out: Path, *extra: str, data: Path = SYNTHETIC):
    return cli("site", "-o", str(out), "--as-of", "2024-09-30", "--data", str(data), *extra)


def test_writes_a_marked_folder_and_rewrites_its_own(cli, tmp_path: Path) -> None:
    out = tmp_path / "public"
    first = _site(cli, out)
    assert first.code == 0, first.err
    assert "Đã ghi trang web vào" in first.out
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "index.html" in manifest["files"] and "assets/search.js" in manifest["files"]
    assert _site(cli, out).code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ntm-plan-site-")], "no temporary folder left"


def test_refuses_a_folder_it_did_not_write(cli, tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "mine.txt").write_text("giữ lại", encoding="utf-8")
    run = _site(cli, out)
    assert run.code == 1
    assert "NTM041" in run.err and "không phải do ntm-plan site ghi" in run.err
    assert (out / "mine.txt").read_text(encoding="utf-8") == "giữ lại"
    assert not (out / "index.html").exists()
    forced = _site(cli, out, "--force")
    assert forced.code == 0, forced.err
    assert (out / "index.html").is_file() and not (out / "mine.txt").exists()


def test_an_empty_folder_is_fine(cli, tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    assert _site(cli, out).code == 0


def test_refuses_a_file_added_to_its_own_folder(cli, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert _site(cli, out).code == 0
    (out / "CNAME").write_text("ntm.example.org\n", encoding="utf-8")
    run = _site(cli, out)
    assert run.code == 1 and "CNAME" in run.err
    assert (out / "CNAME").is_file()


@pytest.mark.parametrize("where", ["inside", "same", "parent"])
def test_never_writes_into_or_over_the_data_directory(cli, tmp_path: Path, where: str) -> None:
    data = tmp_path / "work" / "data"
    import shutil

    shutil.copytree(SYNTHETIC, data)
    out = {"inside": data / "public", "same": data, "parent": data.parent}[where]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for extra in ((), ("--force",)):
        run = _site(cli, out, *extra, data=data)
        assert run.code == 1, (where, extra)
        assert "thư mục dữ liệu" in run.err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_refuses_a_file_and_the_working_folder(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "public"
    target.write_text("tệp", encoding="utf-8")
    assert _site(cli, target, "--force").code == 1
    monkeypatch.chdir(tmp_path)
    run = _site(cli, tmp_path, "--force")
    assert run.code == 1 and "đang làm việc" in run.err
    assert target.read_text(encoding="utf-8") == "tệp"


def test_a_failed_write_keeps_the_previous_site(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "public"
    assert _site(cli, out, "--as-of", "2024-06-30").code == 0
    before = (out / "index.html").read_bytes()
    calls = {"n": 0}
    real = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    run = _site(cli, out)
    assert run.code == 1 and "NTM041" in run.err and "giữ nguyên" in run.err
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_refuses_a_symlink_without_force(cli, tmp_path: Path) -> None:
    real = tmp_path / "real"
    link = tmp_path / "public"
    link.symlink_to(real, target_is_directory=True)
    run = _site(cli, link)
    assert run.code == 1 and "symlink" in run.err
    assert not real.exists()


def test_no_python_leaks_into_the_pages(real_site: Path) -> None:
    """Only ready-made text reaches a page: no repr of a method, a None or a number type."""
    leaks = re.compile(r"built-in method|object at 0x|>None<| None\b|Fraction\(|Decimal\(|Undefined")
    for page in _pages(real_site):
        found = leaks.search(page.read_text(encoding="utf-8"))
        assert found is None, (page, found and found[0])


def test_department_page_says_what_it_answers_for(real_site: Path) -> None:
    from ntm_plan.pipeline.load import load

    data, _ = load(REAL_DATA)
    dept = next(d for d in data.departments if d.responsibilities)
    text = " ".join("".join(parse(real_site / "phong-ban" / f"{dept.id}.html").text).split())
    first = dept.responsibilities[0]
    assert f"{data.sets[first.set].name}: {', '.join(first.indicators)} — nguồn:" in text


@pytest.mark.slow
def test_long_lists_are_cut_into_small_pages(tmp_path: Path) -> None:
    """160 SYNTHETIC communes of 12 tasks each (benchmarks/generate.py): the unit list and the
    department's 1.920 tasks come in numbered pages, every row once, every page small."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from generate import generate

    from ntm_plan.site.pages import TASKS_PER_PAGE, UNITS_PER_PAGE

    out = tmp_path / "public"
    build(generate(tmp_path / "data", 160), out)
    lists = sorted((out / "don-vi").glob("danh-sach*.html"))
    assert len(lists) == -(-160 // UNITS_PER_PAGE) > 1
    hrefs = [a.get("href") or "" for page in lists for tag, a in parse(page).tags if tag == "a"]
    listed = [h for h in hrefs if "gia-lap-" in h]
    assert sorted(listed) == sorted(f"../don-vi/gia-lap-{i}.html" for i in range(1, 161))
    dept = sorted((out / "phong-ban").glob("kinh-te-ha-tang*.html"))
    assert len(dept) == -(-160 * 12 // TASKS_PER_PAGE)
    rows = sum("".join(parse(page).text).count("Công trình giả lập số ") for page in dept)
    assert rows == 160 * 12
    for page in _pages(out):
        assert page.stat().st_size < PAGE_LIMIT, page
    pager = [a.get("href") for tag, a in parse(dept[0]).tags if tag == "a"]
    assert "../phong-ban/kinh-te-ha-tang-trang-2.html" in pager


def test_unit_pages_rendered_in_workers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process pool (used from 400 units) writes the same bytes, in the same order, as
    one process does."""
    from ntm_plan.evaluate.tasks import all_task_statuses
    from ntm_plan.evaluate.units import assess_district
    from ntm_plan.pipeline.load import load
    from ntm_plan.site import parallel
    from ntm_plan.site.build import evaluated, site_files
    from ntm_plan.site.stamp import DataVersion
    from site_helpers import GENERATED

    data, _ = load(REAL_DATA)
    site = evaluated(data, assess_district(data, AS_OF), all_task_statuses(data, AS_OF))
    one = list(site_files(site, GENERATED, DataVersion("x"), workers=1))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    two = list(site_files(site, GENERATED, DataVersion("x"), workers=2))
    assert [name for name, _ in one] == [name for name, _ in two]
    assert one == two
    assert sum(1 for name, _ in one if name.startswith("don-vi/") and "danh-sach" not in name) == len(data.all_units())


def test_search_results_tell_units_of_one_name_apart() -> None:
    """Two units of one name (an old and a new commune after a merger, say): each result
    carries its code or id, so the list never shows the same label twice."""
    from ntm_plan.pipeline.load import load
    from ntm_plan.site.build import search_entries

    data, _ = load(SYNTHETIC)
    first = next(u for u in data.units if u.id == "binh-minh")
    twin = first.model_copy(update={"id": "binh-minh-moi", "code": "99999"})
    labels = [
        e.label for e in search_entries(data._replace(units=(*data.units, twin)), AS_OF) if "Bình Minh" in e.label
    ]
    assert sorted(labels) == ["Xã Bình Minh (binh-minh)", "Xã Bình Minh (mã 99999)"]
    assert [e.label for e in search_entries(data, AS_OF) if "Bình Minh" in e.label] == ["Xã Bình Minh"]


def test_unit_pages_link_a_merger_both_ways(tmp_path: Path) -> None:
    """After the 2025 reform: the new xã Đức Đồng links to the pages of the three communes
    it was formed from; the old one, at a date after its end, says where it went."""
    out = tmp_path / "public"
    build(REAL_DATA, out, as_of=date(2026, 3, 31))
    new = parse(out / "don-vi" / "xa-duc-dong-18304.html")
    hrefs = {a.get("href") for tag, a in new.tags if tag == "a"}
    assert {"../don-vi/duc-dong.html", "../don-vi/duc-lang.html", "../don-vi/tan-huong.html"} <= hrefs
    text = " ".join("".join(new.text).split())
    assert "Thời gian tồn tạitừ 01/07/2025" in text and "nhập toàn bộ" in text  # <dt> then <dd>
    old = parse(out / "don-vi" / "duc-dong.html")
    assert "../don-vi/xa-duc-dong-18304.html" in {a.get("href") for tag, a in old.tags if tag == "a"}
    old_text = " ".join("".join(old.text).split())
    assert "Ngày 31/03/2026 đơn vị này không còn tồn tại: đã sắp xếp vào Xã Đức Đồng (từ 01/07/2025)." in old_text
    home = " ".join("".join(parse(out / "index.html").text).split())
    assert "Xã Đức Đồng" in home and "../don-vi/duc-dong.html" not in (out / "index.html").read_text(encoding="utf-8")


def _missed_section(site: Path) -> tuple[list[tuple[int, int]], list[str]]:
    """The home's 'most missed' table as (not met, not assessed) rows, and its chart's bar values."""
    html = (site / "index.html").read_text(encoding="utf-8")
    section = html.split("<h2>Tiêu chí chưa đạt nhiều nhất</h2>")[1].split("</section>")[0]
    cells = r'<td data-label="Chưa đạt" class="num">(\d+)</td><td data-label="Chưa đánh giá" class="num">(\d+)</td>'
    rows = [(int(a), int(b)) for a, b in re.findall(cells, section)]
    return rows, re.findall(r'<text class="bar-value"[^>]*>([^<]+)</text>', section)


def test_home_lists_the_most_failed_criteria_first_across_sets(real_site: Path) -> None:
    """Across every target set, criteria are ordered by how many units fail them, then by how
    many have not assessed them (not the first set's unassessed ones first)."""
    rows, bars = _missed_section(real_site)
    assert rows == sorted(rows, key=lambda r: (-r[0], -r[1]))
    assert rows[0][0] > 0
    assert bars == [number(n) for n, _ in rows if n > 0]


def test_home_chart_draws_only_criteria_some_unit_fails(tmp_path: Path) -> None:
    """A criterion nobody has assessed stays in the table with its 'chưa đánh giá' count but
    gets no 0 bar in the chart of criteria not met."""
    build(SYNTHETIC, tmp_path / "public")
    rows, bars = _missed_section(tmp_path / "public")
    assert (0, 1) in rows, "the SYNTHETIC data has a criterion only unassessed"
    assert bars == [number(n) for n, _ in rows if n > 0]
    assert "0" not in bars
