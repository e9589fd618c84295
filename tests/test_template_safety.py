"""Templates cannot run code, a damaged template is NTM040, and where templates come from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docx_helpers import SYNTHETIC, TEMPLATES, template_with, text

ESCAPES = {
    "globals": "{{ cycler.__init__.__globals__.os.system('touch {marker}') }}",
    "globals-bare": "{{ cycler.__init__.__globals__ }}",
    "mro-walk": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c(['touch', '{marker}']) }}{% endif %}{% endfor %}"
    ),
    "mro-attr": "{{ closing.__class__.__mro__ }}",
    "format-string": "{{ '{0.__class__}'.format(closing) }}",
}


@pytest.mark.slow
@pytest.mark.parametrize("payload", sorted(ESCAPES))
def test_template_reaching_outside_the_context_is_refused_and_runs_nothing(cli, tmp_path: Path, payload: str) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "marker"
    template = template_with(tmp_path, ESCAPES[payload].replace("{marker}", str(marker)))
    out = tmp_path / "ke-hoach.docx"
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--template", str(template))
    assert result.code == 1, result.err
    assert "NTM040" in result.err and "Traceback" not in result.err
    assert not marker.exists() and not out.exists()
    check = cli("templates", "check", "--data", str(SYNTHETIC), "--plan-template", str(template))
    assert check.code == 1 and "NTM040" in check.err
    assert not marker.exists()


def test_unsafe_attribute_is_named_in_vietnamese(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = template_with(tmp_path, ESCAPES["globals-bare"])
    result = cli(
        "plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(tmp_path / "x.docx"), "--template", str(template)
    )
    assert "thuộc tính nội bộ không được phép ('__init__')" in result.err


def test_the_context_itself_still_renders_in_the_sandbox(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = template_with(tmp_path, "{{ (closing|upper)[:3] }}-{{ range(3)|list|length }}")
    out = tmp_path / "x.docx"
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--template", str(template))
    assert result.code == 0, result.err
    assert "-3" in text(out)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"{{ closing }} just text, not a Word file\n", id="text-file"),
        pytest.param((TEMPLATES / "ke-hoach.docx").read_bytes()[:4000], id="truncated-zip"),
        pytest.param(b"", id="empty"),
    ],
)
@pytest.mark.slow
def test_a_docx_that_is_not_a_template_is_ntm040(cli, tmp_path: Path, content: bytes) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "mau.docx"
    template.write_bytes(content)
    out = tmp_path / "x.docx"
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--template", str(template))
    assert result.code == 1
    assert "NTM040" in result.err and "không phải tệp Word .docx hợp lệ" in result.err
    assert "Traceback" not in result.err and not out.exists()
    check = cli("templates", "check", "--data", str(SYNTHETIC), "--plan-template", str(template))
    assert check.code == 1 and "NTM040" in check.err


def test_a_templates_folder_in_the_working_directory_is_not_used_unless_named(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "marker"
    (tmp_path / "templates").mkdir()
    template_with(tmp_path / "templates", ESCAPES["globals"].replace("{marker}", str(marker)), "ke-hoach.docx")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NTM_PLAN_TEMPLATES", raising=False)
    result = cli("templates", "check", "--data", str(SYNTHETIC))
    assert result.code == 0, result.err
    assert "\ntemplates/" not in "\n" + result.out
    named = cli("templates", "check", "--data", str(SYNTHETIC), "--plan-template", "templates/ke-hoach.docx")
    assert named.code == 1 and "NTM040" in named.err
    assert not marker.exists()


def test_templates_come_from_the_environment_folder_before_the_package(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "office"
    folder.mkdir()
    template_with(folder, "Mẫu của văn phòng {{ closing }}", "ke-hoach.docx")
    monkeypatch.setenv("NTM_PLAN_TEMPLATES", str(folder))
    out = tmp_path / "x.docx"
    assert cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out)).code == 0
    assert "Mẫu của văn phòng" in text(out)
    report = tmp_path / "r.docx"  # no bao-cao.docx in the folder: the package's copy
    assert cli("report", "--quarter", "2024-Q3", "--data", str(SYNTHETIC), "-o", str(report)).code == 0
    shutil.rmtree(folder)


def test_the_package_ships_its_templates() -> None:
    from importlib.resources import files

    for name in ("ke-hoach.docx", "bao-cao.docx"):
        assert files("ntm_plan.documents").joinpath("templates", name).read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        pytest.param("{{ 1 / 0 }}", "chia cho 0", id="zero-division"),
        pytest.param("{{ 2.0 ** 5000 }}", "kết quả quá lớn", id="overflow"),
        pytest.param("{{ 'a' - 1 }}", "sai kiểu", id="type"),
        pytest.param("{{ 'abc'.index('z') }}", "sai kiểu", id="value"),
    ],
)
def test_a_failing_expression_is_the_templates_error_and_keeps_the_old_file(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, tag: str, said: str
) -> None:
    template = template_with(tmp_path, tag)
    out = tmp_path / "ke-hoach.docx"
    out.write_bytes(b"previous")
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--template", str(template))
    assert result.code == 1, result.err
    assert "NTM040" in result.err and f"mẫu '{template}'" in result.err and said in result.err
    assert "Lỗi nội bộ" not in result.err and "không phải tệp Word" not in result.err
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx", "mau.docx"]


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        pytest.param("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "macro đệ quy", id="recursive-macro"),
        pytest.param("{% include '/etc/passwd' %}", "không được chèn tệp khác ('/etc/passwd')", id="include"),
        pytest.param("{% import 'macros.html' as m %}", "không được chèn tệp khác ('macros.html')", id="import"),
        pytest.param("{% extends 'base.docx' %}", "không được chèn tệp khác ('base.docx')", id="extends"),
    ],
)
@pytest.mark.slow
def test_every_render_failure_is_ntm040_naming_the_template(cli, tmp_path: Path, tag: str, said: str) -> None:  # type: ignore[no-untyped-def]
    template = template_with(tmp_path, tag)
    out = tmp_path / "ke-hoach.docx"
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--template", str(template))
    assert result.code == 1, result.err
    assert "NTM040" in result.err and f"mẫu '{template}'" in result.err and said in result.err
    assert "sai kiểu" not in result.err and "Lỗi nội bộ" not in result.err and "Traceback" not in result.err
    assert not out.exists()
    check = cli("templates", "check", "--data", str(SYNTHETIC), "--plan-template", str(template))
    assert check.code == 1 and "NTM040" in check.err and said in check.err
