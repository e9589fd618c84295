"""ingest.yaml_edit's guard and writers: the read-back comparison refuses any text that is
not exactly the old document plus the new items (another value, another scalar style, an
item in the wrong list, one item too many); the round-trip writer's result is refused when
it reads back differently; values are written as YAML reads them back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import yaml

from ntm_plan.ingest import yaml_edit
from ntm_plan.ingest.yaml_edit import Addition, EditError, _compose, _same_plus, add_items, flow, scalar

OLD = "name: X\ntasks:\n  - id: a\n    progress:\n      - {as_of: 2024-03-31, done: 1}\n  - id: b\n"
ITEM = {"as_of": date(2024, 6, 30), "done": 2}
LINE = "{as_of: 2024-06-30, done: 2}"
TO_A = [Addition(("tasks", 0, "progress"), ITEM)]
TO_B = [Addition(("tasks", 1, "progress"), ITEM)]


def same_plus(new: str, additions: list[Addition]) -> bool:
    return _same_plus(_compose(OLD), _compose(new), additions)


def test_the_guard_accepts_exactly_the_old_document_plus_the_items() -> None:
    assert same_plus(OLD.replace("done: 1}\n", f"done: 1}}\n      - {LINE}\n"), TO_A)
    assert same_plus(OLD + f"    progress:\n      - {LINE}\n", TO_B)
    assert same_plus(OLD + f"    progress:\n      - {LINE}\n      - {LINE}\n", TO_B + TO_B)
    assert same_plus(OLD + f"targets:\n  - {LINE}\n", [Addition(("targets",), ITEM)])


@pytest.mark.parametrize(
    "new",
    [
        OLD.replace("name: X", "name: Y") + f"    progress:\n      - {LINE}\n",  # another value
        OLD.replace("name: X", "name: 'X'") + f"    progress:\n      - {LINE}\n",  # another style
        OLD + f"    progress:\n      - {LINE.replace('2}', '3}')}\n",  # another item
        OLD + f"    progress:\n      - {LINE}\n      - {LINE}\n",  # one too many
        OLD + "    progress:\n      - {as_of: 2024-06-30, done: 2, note: x}\n",  # more in the item
        OLD.replace("done: 1}\n", f"done: 1}}\n      - {LINE}\n"),  # in the wrong list
        OLD + f"    progress: {LINE}\n",  # not a list
        OLD,  # nothing added
    ],
    ids=["value", "style", "item", "too-many", "item-longer", "wrong-list", "no-list", "nothing"],
)
def test_the_guard_refuses_any_other_text(new: str) -> None:
    assert not same_plus(new, TO_B)


def test_the_guard_refuses_an_item_under_a_missing_or_wrong_parent() -> None:
    assert not same_plus(OLD + f"    progress:\n      - {LINE}\n", [Addition(("tasks", 5, "progress"), ITEM)])
    assert not same_plus(OLD + f"    progress:\n      - {LINE}\n", [Addition(("nothing", 0, "progress"), ITEM)])
    assert not _same_plus(_compose(OLD), _compose("- a\n"), TO_B)


def test_a_round_trip_result_that_reads_back_differently_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    flow_text = "tasks: [{id: a}]\n"
    monkeypatch.setattr(yaml_edit, "_round_trip_edit", lambda text, additions: "tasks: [{id: b, progress: []}]\n")
    with pytest.raises(EditError, match="nội dung sau khi sửa sẽ khác dữ liệu định thêm"):
        add_items(flow_text, [Addition(("tasks", 0, "progress"), ITEM)])
    monkeypatch.setattr(yaml_edit, "_round_trip_edit", lambda text, additions: "tasks: [\n")
    with pytest.raises(EditError, match="nội dung sau khi sửa sẽ khác dữ liệu định thêm"):
        add_items(flow_text, [Addition(("tasks", 0, "progress"), ITEM)])


def test_a_text_edit_that_reads_back_differently_goes_to_the_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_edit, "_text_edit", lambda text, root, additions: text)
    new, doc = add_items(OLD, TO_B)
    assert doc.data["tasks"][1]["progress"] == [{"as_of": date(2024, 6, 30), "done": 2}]
    assert yaml.safe_load(new) == doc.data


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (date(2024, 9, 30), "2024-09-30"),
        (0, "0"),
        (200, "200"),
        (Decimal("200"), "200"),
        (Decimal("1E+3"), "1000"),
        (Decimal("0.50"), "0.5"),
        (Decimal("10.0"), "10"),
        ("200", '"200"'),
        ("có \"ngoặc\" và 'nháy'", '"có \\"ngoặc\\" và \'nháy\'"'),
        ({"document": "Biểu", "page": 3}, '{document: "Biểu", page: 3}'),
    ],
)
def test_scalars_are_written_as_yaml_reads_them_back(value: object, text: str) -> None:
    assert scalar(value) == text
    assert yaml.safe_load(f"x: {text}")["x"] == (
        float(value) if isinstance(value, Decimal) and value != value.to_integral_value() else value
    )


def test_an_empty_item_and_an_item_with_one_key() -> None:
    assert flow({}) == "{}"
    assert flow({"done": 1}) == "{done: 1}"


FULL = {
    "as_of": date(2024, 9, 30),
    "done": Decimal("2.50"),
    "percent": Decimal("40"),
    "note": 'dấu "ngoặc"',
    "source": {"document": "Biểu 'Q3'"},
}
FULL_FLOW = "{as_of: 2024-09-30, done: 2.5, percent: 40, note: dấu \"ngoặc\", source: {document: Biểu 'Q3'}}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "tasks: [{id: a, progress: [{as_of: 2024-03-31, done: 1}]}]\n",
            f"tasks: [{{id: a, progress: [{{as_of: 2024-03-31, done: 1}}, {FULL_FLOW}, {FULL_FLOW}]}}]\n",
        ),
        (
            "tasks:\n  - {id: 'a', progress: [{as_of: 2024-03-31, done: 1}]}\n",
            f"tasks:\n  - {{id: 'a', progress: [{{as_of: 2024-03-31, done: 1}}, {FULL_FLOW}, {FULL_FLOW}]}}\n",
        ),
        ("tasks: [{id: a}]\n", f"tasks: [{{id: a, progress: [{FULL_FLOW}, {FULL_FLOW}]}}]\n"),
        (
            "tasks:\n- id: a\n  progress: []\n  x:\n  - 1\n",
            f"tasks:\n- id: a\n  progress:\n  - {FULL_FLOW}\n  - {FULL_FLOW}\n  x:\n  - 1\n",
        ),
        (
            "tasks:\n    -   id: a\n        progress: []\n        x:\n            - 1\n",
            f"tasks:\n    -   id: a\n        progress:\n            -   {FULL_FLOW}\n            -   {FULL_FLOW}\n"
            "        x:\n            -   1\n",
        ),
    ],
    ids=["flow-list", "flow-item-quoted", "flow-list-created", "indentless", "wide-indent"],
)
def test_the_round_trip_writer_keeps_the_layout_quotes_and_flow_items(text: str, expected: str) -> None:
    """Two additions share one date object: written twice, never as a YAML anchor and alias."""
    new, doc = add_items(text, [Addition(("tasks", 0, "progress"), FULL)] * 2)
    assert new == expected
    assert doc.data["tasks"][0]["progress"][-1]["source"] == {"document": "Biểu 'Q3'"}


@pytest.mark.parametrize(
    ("text", "index", "reason"),
    [
        ("name: X\nname: Y\ntasks:\n  - id: a\n", 0, "tệp đang có lỗi khi đọc"),  # a duplicate key
        ("# chỉ có chú thích\n", 0, "tệp không có chỗ để thêm mục này"),
        ("tasks:\n  - id: a\n", 1, "tệp không có chỗ để thêm mục này"),
    ],
)
def test_a_file_that_cannot_take_the_item_says_why(text: str, index: int, reason: str) -> None:
    with pytest.raises(EditError) as caught:
        add_items(text, [Addition(("tasks", index, "progress"), ITEM)])
    assert str(caught.value) == reason


V = {"v": 1}
# 'name:   y' has spaces the round-trip writer takes out: a layout edited as lines keeps them


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        (  # a new key after a list that ends the mapping, before a blank line and a comment
            "tasks:\n  - id: a\n    x:\n      - 1\n      - 2\n\n    # ghi chú\n  - id: b\nname:   y\n",
            ("tasks", 0, "progress"),
            "tasks:\n  - id: a\n    x:\n      - 1\n      - 2\n    progress:\n      - {v: 1}\n\n    # ghi chú\n"
            "  - id: b\nname:   y\n",
        ),
        (  # a new key after a quoted text on two lines
            'tasks:\n  - id: a\n    text: "dòng một\n      dòng hai"\n  - id: b\nname:   y\n',
            ("tasks", 0, "progress"),
            'tasks:\n  - id: a\n    text: "dòng một\n      dòng hai"\n    progress:\n      - {v: 1}\n  - id: b\n'
            "name:   y\n",
        ),
        (  # a new key after an empty value
            "name:   y\ntasks:\n  - id: a\n    note:\nx: 1\n",
            ("tasks", 0, "progress"),
            "name:   y\ntasks:\n  - id: a\n    note:\n    progress:\n      - {v: 1}\nx: 1\n",
        ),
    ],
    ids=["after-a-list-and-a-comment", "after-two-line-text", "after-an-empty-value"],
)
def test_a_new_key_goes_after_the_last_line_of_the_mapping(
    text: str, path: tuple[str | int, ...], expected: str
) -> None:
    new, doc = add_items(text, [Addition(path, V)])
    assert new == expected
    assert doc.data["tasks"][0]["progress"] == [V]


def test_a_nested_item_goes_before_a_new_key_at_the_same_place_in_an_indentless_list() -> None:
    text = "name:   y\ntasks:\n- id: a\n  progress:\n  - {done: 1}\n"
    adds = [Addition(("observations",), V), Addition(("tasks", 0, "progress"), {"d": 2})]
    new, _ = add_items(text, adds)
    assert new == text + "  - {d: 2}\nobservations:\n  - {v: 1}\n"


def test_an_item_whose_dash_stands_alone_goes_through_the_round_trip_writer() -> None:
    """ruamel's indentation guess fails on such a list: the writer's defaults are used."""
    text = "observations:\n-\n  {v: 0}\nname:   y\n"
    new, doc = add_items(text, [Addition(("observations",), V)])
    assert new == "observations:\n- {v: 0}\n- {v: 1}\nname: y\n"
    assert doc.data["observations"] == [{"v": 0}, V]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "tasks:\n  - id: a\n    meta:\n      k: v\n    progress: []\nname:   y\n",
            "tasks:\n  - id: a\n    meta:\n      k: v\n    progress:\n      - {v: 1}\nname: y\n",
        ),
        ("a:\n  b: 1\ntasks: [{id: a}]\n", "a:\n  b: 1\ntasks: [{id: a, progress: [v: 1]}]\n"),  # no block list
    ],
    ids=["nested-mapping", "no-block-list"],
)
def test_the_round_trip_writer_keeps_the_file_s_indentation(text: str, expected: str) -> None:
    new, doc = add_items(text, [Addition(("tasks", 0, "progress"), V)])
    assert new == expected
    assert doc.data["tasks"][0]["progress"] == [V]


@pytest.mark.parametrize(("letters", "lines"), [(4054, 1), (4055, 2)])
def test_the_round_trip_writer_breaks_a_line_only_past_4096_columns(letters: int, lines: int) -> None:
    new, doc = add_items(
        "tasks: [{id: a}]\n", [Addition(("tasks", 0, "progress"), {"note": "a" * letters + " b", "v": 1})]
    )
    assert new.count("\n") == lines
    assert doc.data["tasks"][0]["progress"][0]["note"] == "a" * letters + " b"
