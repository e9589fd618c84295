"""ingest.yaml_edit.add_items: the new items go in as lines at the right place for every
layout a data file uses (nested lists, indentless lists, block text, comments and blank
lines after a list, CRLF, no final newline, a key the mapping lacks); every other byte stays;
what cannot be done as lines is done by the round-trip writer and checked the same."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import yaml

from ntm_plan.ingest.yaml_edit import Addition, EditError, add_items

ENTRY = {"as_of": date(2024, 9, 30), "done": Decimal("2.50"), "note": 'dấu "ngoặc"'}
ENTRY_LINE = '{as_of: 2024-09-30, done: 2.5, note: "dấu \\"ngoặc\\""}'


def expected_data(text: str, additions: list[Addition]) -> object:
    data = yaml.safe_load(text)
    for add in additions:
        parent = data
        for key in add.path[:-1]:
            parent = parent[key]
        parent.setdefault(add.path[-1], []).append(yaml.safe_load(ENTRY_LINE) if add.item is ENTRY else add.item)
    return data


def inserted(old: str, new: str) -> list[tuple[int, str]]:
    """(line number in the new text, line) of each line that was added; fails if any old line changed."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    added, i = [], 0
    for n, line in enumerate(new_lines):
        if i < len(old_lines) and line == old_lines[i]:
            i += 1
        else:
            added.append((n, line))
    assert i == len(old_lines), "an old line changed or went missing"
    return added


NESTED = """\
# SYNTHETIC commune
name: Hòa An   # kept as is
tasks:
  - id: a
    text: |
      Hai dòng
      văn bản

  - id: b
    text: B
    progress:
      - {as_of: 2024-03-31, done: 1}   # first quarter
      - as_of: 2024-06-30
        done: 2

      # trailing comment
  - id: c
    text: C
observations:
  - {indicator: "1", value: 2, as_of: 2023-12-31, source: {document: x}}
"""


def test_a_progress_list_created_in_the_middle_task_after_its_block_text() -> None:
    adds = [Addition(("tasks", 0, "progress"), ENTRY)]
    new, doc = add_items(NESTED, adds)
    assert inserted(NESTED, new) == [
        (8, "    progress:"),
        (9, f"      - {ENTRY_LINE}"),
    ]  # after the blank line of the block text
    assert doc.data == expected_data(NESTED, adds)


def test_an_item_appended_after_a_multi_line_last_item_and_before_trailing_comments() -> None:
    adds = [Addition(("tasks", 1, "progress"), ENTRY)]
    new, _ = add_items(NESTED, adds)
    assert inserted(NESTED, new) == [(14, f"      - {ENTRY_LINE}")]


def test_a_key_added_to_the_last_item_of_a_list() -> None:
    adds = [Addition(("tasks", 2, "progress"), ENTRY)]
    new, _ = add_items(NESTED, adds)
    assert inserted(NESTED, new) == [(18, "    progress:"), (19, f"      - {ENTRY_LINE}")]


def test_a_top_level_list_created_at_the_end_and_another_extended() -> None:
    item = {"indicator": "2", "value": Decimal(3), "as_of": date(2024, 9, 30), "source": {"document": "Báo cáo"}}
    adds = [Addition(("targets",), item), Addition(("observations",), item), Addition(("observations",), item)]
    new, doc = add_items(NESTED, adds)
    line = '{indicator: "2", value: 3, as_of: 2024-09-30, source: {document: "Báo cáo"}}'
    # the items of the last list go before the new key that follows it, whatever the order asked
    assert inserted(NESTED, new) == [(20, f"  - {line}"), (21, f"  - {line}"), (22, "targets:"), (23, f"  - {line}")]
    assert doc.data["observations"][-2:] == [yaml.safe_load(line)] * 2


def test_several_lists_at_once_keep_their_order() -> None:
    first = {"as_of": date(2024, 7, 1), "done": 1}
    second = {"as_of": date(2024, 8, 1), "done": 2}
    adds = [Addition(("tasks", 1, "progress"), first), Addition(("tasks", 0, "progress"), second)]
    adds.append(Addition(("tasks", 1, "progress"), second))
    new, doc = add_items(NESTED, adds)
    assert [line for _, line in inserted(NESTED, new)] == [
        "    progress:",
        "      - {as_of: 2024-08-01, done: 2}",
        "      - {as_of: 2024-07-01, done: 1}",
        "      - {as_of: 2024-08-01, done: 2}",
    ]
    assert [p["done"] for p in doc.data["tasks"][1]["progress"]] == [1, 2, 1, 2]


INDENTLESS = "name: X\ntasks:\n- id: a\n  progress:\n  - {as_of: 2024-03-31, done: 1}\n- id: b\n"


def test_indentless_lists_keep_their_dash_column() -> None:
    adds = [Addition(("tasks", 0, "progress"), ENTRY), Addition(("tasks", 1, "progress"), ENTRY)]
    new, doc = add_items(INDENTLESS, adds)
    assert inserted(INDENTLESS, new) == [(5, f"  - {ENTRY_LINE}"), (7, "  progress:"), (8, f"    - {ENTRY_LINE}")]
    assert doc.data == expected_data(INDENTLESS, adds)


def test_crlf_and_a_missing_final_newline_are_kept() -> None:
    text = "name: X\r\ntasks:\r\n  - id: a\r\n    progress:\r\n      - {as_of: 2024-03-31, done: 1}"
    new, _ = add_items(text, [Addition(("tasks", 0, "progress"), ENTRY)])
    assert new == text + f"\r\n      - {ENTRY_LINE}\r\n"
    open_end = "name: X\nnote: y"
    new, _ = add_items(open_end, [Addition(("tasks",), {"id": "a"})])
    assert new == 'name: X\nnote: y\ntasks:\n  - {id: "a"}\n'
    middle = "tasks:\n  - id: a\nname: X"
    new, _ = add_items(middle, [Addition(("tasks",), {"id": "b"})])
    assert new == 'tasks:\n  - id: a\n  - {id: "b"}\nname: X'  # no newline added where there was none


def test_values_are_written_as_yaml_reads_them_back() -> None:
    item = {
        "as_of": date(2024, 9, 30),
        "done": Decimal("1500.000"),
        "percent": Decimal("12.50"),
        "completed": True,
        "correction": False,
        "count": 7,
        "note": "Đường: 'thôn' #2",
        "source": {"document": "Báo cáo số 12"},
    }
    new, doc = add_items("tasks:\n  - id: a\n", [Addition(("tasks", 0, "progress"), item)])
    assert new.splitlines()[-1] == (
        "      - {as_of: 2024-09-30, done: 1500, percent: 12.5, completed: true, correction: false, count: 7, "
        'note: "Đường: \'thôn\' #2", source: {document: "Báo cáo số 12"}}'
    )
    got = doc.data["tasks"][0]["progress"][0]
    assert got["note"] == "Đường: 'thôn' #2" and got["completed"] is True and got["correction"] is False


@pytest.mark.parametrize(
    "text",
    [
        "tasks: [{id: a, progress: [{as_of: 2024-03-31, done: 1}]}]\n",
        "tasks:\n  - {id: a, progress: [{as_of: 2024-03-31, done: 1}]}\n",
        "tasks:\n  - id: a\n    progress: []\n",
    ],
    ids=["flow-list", "flow-item", "empty-flow-list"],
)
def test_flow_layouts_go_through_the_round_trip_writer_and_are_checked(text: str) -> None:
    adds = [Addition(("tasks", 0, "progress"), ENTRY)]
    new, doc = add_items(text, adds)
    assert doc.data == expected_data(text, adds)
    assert yaml.safe_load(new) == expected_data(text, adds)


@pytest.mark.parametrize("text", ["", "tasks: [\n", "- a\n- b\n", "tasks:\n  - id: a\n    progress: 3\n"])
def test_an_impossible_edit_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(EditError) as caught:
        add_items(text, [Addition(("tasks", 0, "progress"), ENTRY)])
    assert str(caught.value)  # the import prints it (NTM041)
