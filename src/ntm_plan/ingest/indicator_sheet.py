"""The indicators sheet and the instructions sheet of a form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ntm_plan.documents.wording import clean_name
from ntm_plan.ingest.forms import FormContent, IndicatorRow
from ntm_plan.ingest.layout import FIRST_ROW, INDICATOR_COLUMNS, letter
from ntm_plan.ingest.styling import (
    FONT,
    Rule,
    heading,
    lock,
    number,
    page,
    signature_block,
    style_rows,
    validations,
)
from ntm_plan.model import Condition
from ntm_plan.model.common import quarter_end, quarter_start
from ntm_plan.present.vnformat import number as vn_number
from ntm_plan.present.vnformat import quarter

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def _indicator_how(row: IndicatorRow) -> str:
    ind = row.indicator
    if ind.kind == "parts":
        return f"số đạt / tổng số ({ind.count_unit or 'đơn vị'})"
    if ind.kind == "boolean":
        return "Đạt / Chưa đạt"
    if ind.kind == "level":
        return "chọn mức"
    return ind.unit or ("%" if ind.kind == "percent" else "số")


def _last_value(row: IndicatorRow) -> object:
    obs = row.last
    if obs is None:
        return "chưa có số liệu"
    if obs.count is not None and obs.total is not None:
        return f"{obs.count}/{obs.total}"
    if obs.count is not None:  # a count without its total, perhaps with the share its source states
        return obs.count if obs.stated_percent is None else f"{obs.count} ({vn_number(obs.stated_percent)}%)"
    if obs.value is not None:
        return number(obs.value)
    if obs.met is not None:
        return "Đạt" if obs.met else "Chưa đạt"
    if obs.level is not None:
        return obs.level
    if obs.short_by is not None:
        return f"còn thiếu {obs.short_by}"
    return "không áp dụng"


def _indicator_rules(r: int, row: IndicatorRow) -> list[Rule]:
    ind = row.indicator
    value, total = f"{letter(INDICATOR_COLUMNS, 'value')}{r}", f"{letter(INDICATOR_COLUMNS, 'total')}{r}"
    if ind.kind == "parts":
        return [
            (value, "whole", "0", None, f"Số {ind.count_unit or 'đơn vị'} đạt, số nguyên không âm."),
            (total, "whole", "1", None, f"Tổng số {ind.count_unit or 'đơn vị'}, số nguyên dương."),
        ]
    if ind.kind == "boolean":
        return [(value, "list", '"Đạt,Chưa đạt"', None, "Chọn Đạt hoặc Chưa đạt.")]
    if ind.kind == "level":
        joined = ",".join(ind.levels)
        if "," in "".join(ind.levels) or '"' in joined or len(joined) > 250:
            return []
        return [(value, "list", f'"{joined}"', None, "Chọn một mức trong danh sách.")]
    if ind.kind == "percent":
        return [(value, "decimal", "0", "100", "Tỷ lệ phần trăm, từ 0 đến 100.")]
    return [(value, "decimal", "0", None, f"Số không âm ({ind.unit or 'số'}).")]


def indicators_sheet(ws: Worksheet, content: FormContent) -> None:
    heading(ws, INDICATOR_COLUMNS, "BIỂU CẬP NHẬT SỐ LIỆU CHỈ TIÊU NÔNG THÔN MỚI", content)
    start = quarter_start(content.year, content.quarter)
    end = quarter_end(content.year, content.quarter)
    rules: list[Rule] = []
    for n, row in enumerate(content.indicators):
        r = FIRST_ROW + n
        obs = row.last
        values: list[Any] = [
            row.ref,
            "" if isinstance(row.indicator, Condition) else row.indicator.code,
            clean_name(row.indicator.name),
            _indicator_how(row),
            _last_value(row),
            obs.as_of if obs else None,
            obs.source.document + (f", {obs.source.section}" if obs.source.section else "") if obs else None,
        ]
        for col, value in enumerate(values, start=1):
            ws.cell(r, col, value)
        rules += _indicator_rules(r, row)
    if content.indicators:
        last = FIRST_ROW + len(content.indicators) - 1
        day = letter(INDICATOR_COLUMNS, "day")
        rules.append(
            (
                f"{day}{FIRST_ROW}:{day}{last}",
                "date",
                f"DATE({start.year},{start.month},{start.day})",
                f"DATE({end.year},{end.month},{end.day})",
                f"Ngày trong quý, từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.",
            )
        )
    fillable = [True] * len(content.indicators)
    style_rows(ws, INDICATOR_COLUMNS, len(content.indicators), fillable)
    total = 1 + INDICATOR_COLUMNS.index(next(c for c in INDICATOR_COLUMNS if c.key == "total"))
    for n, row in enumerate(content.indicators):
        if row.indicator.kind != "parts":
            lock(ws.cell(FIRST_ROW + n, total))
    validations(ws, rules)
    signature_block(ws, INDICATOR_COLUMNS, FIRST_ROW + len(content.indicators))
    page(ws)


GUIDE = (
    "HƯỚNG DẪN ĐIỀN BIỂU",
    "1. Trang 'Nhiệm vụ': với mỗi nhiệm vụ đơn vị chủ trì, ghi khối lượng đã làm CỘNG DỒN từ đầu đến cuối quý "
    "(không ghi riêng phần làm trong quý), hoặc % hoàn thành nếu nhiệm vụ không đo bằng khối lượng.",
    "2. Số lũy kế không được nhỏ hơn số đã báo cáo kỳ trước. Nếu kỳ trước báo cáo sai, ghi số đúng và chọn 'Có' "
    "ở cột 'Sửa số đã báo cáo', nêu lý do ở cột Ghi chú.",
    "3. Số thập phân ghi dấu phẩy (1,5); ngày ghi dạng 30/09/2024. Bỏ trống dòng nhiệm vụ chưa có số liệu mới.",
    "4. Kinh phí đã chi ghi bằng triệu đồng, cộng dồn.",
    "5. Trang 'Chỉ tiêu': ghi số liệu mới của chỉ tiêu (giá trị, hoặc số đạt và tổng số), ngày số liệu và văn bản "
    "nguồn (số hiệu, ngày, cơ quan ban hành). Bỏ trống chỉ tiêu không có số liệu mới: không ghi số 0 thay cho "
    "'chưa có số liệu'.",
    "6. Các dòng 'Phối hợp' chỉ để biết; đơn vị chủ trì báo cáo số liệu của các nhiệm vụ đó.",
    "7. Không thêm, xóa, đổi tên trang hay sửa các ô đã khóa: văn phòng nhập biểu bằng máy và sẽ trả lại biểu "
    "bị sửa ngoài các ô nền vàng.",
    "8. Lưu tệp dạng .xlsx và gửi lại văn phòng Điều phối nông thôn mới.",
)


def guide_sheet(ws: Worksheet, content: FormContent) -> None:
    """The instructions, printable on A4 portrait: one wrapped column whose rows are as tall
    as their text (a spreadsheet does not grow them when opening, and prints them clipped)."""
    from openpyxl.styles import Alignment, Font

    width = 78
    ws.column_dimensions["A"].width = width
    lines = [*GUIDE, "", f"Biểu của: {content.reporter.title} — {quarter(content.year, content.quarter)}."]
    for r, line in enumerate(lines, start=1):
        cell = ws.cell(r, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name=FONT, bold=r == 1, size=13 if r == 1 else 12)
        ws.row_dimensions[r].height = 16 * max(1, -(-len(line) // (width - 6))) + 4
    page(ws)
    ws.page_setup.orientation = "portrait"
    ws.print_area = f"A1:A{len(lines)}"
