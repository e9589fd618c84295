"""Build the default Word templates shipped in the package: ke-hoach.docx and bao-cao.docx
in src/ntm_plan/documents/templates/.

Run `python scripts/build_templates.py` after changing the layout; the .docx files are
committed, and the office may restyle them in Word afterwards (keep the {{ }} / {% %} tags).
The layout follows Nghị định 30/2020/NĐ-CP: A4, margins 20/20/30/15 mm, Times New Roman in
all four font slots of every style, header and signature as borderless two-column tables,
page numbers centred at the top from page 2, and the annex tables in a landscape section.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

from ntm_plan.documents.report_tables import TASK_HEADS, UNIT_HEADS

FONT = "Times New Roman"
LANG = "vi-VN"
ROOT = Path(__file__).resolve().parent.parent
TEXT_WIDTH_CM = 16.5  # A4 210 mm − left 30 − right 15
LANDSCAPE_WIDTH_CM = 25.2  # 297 − 30 − 15

Run = tuple[str, str]  # (text, flags): flags among "b", "i"


# ---------------------------------------------------------------- styles and fonts


def _set_fonts(rpr_parent: object) -> None:
    """Times New Roman in ascii/hAnsi/eastAsia/cs, no theme fonts, Vietnamese language."""
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    lang.set(qn("w:bidi"), "ar-SA")
    color = rpr.find(qn("w:color"))
    if color is not None:
        rpr.remove(color)


def _doc_defaults(doc: Document) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    holder = rpr_default

    class _Holder:
        def get_or_add_rPr(self) -> object:
            rpr = holder.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                holder.append(rpr)
            return rpr

    _set_fonts(_Holder())


def _paragraph_style(
    doc: Document,
    name: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_indent_cm: float = 0,
    before: float = 6,
    after: float = 0,
    line: float | None = 1.1,
    outline: int | None = None,
    keep_next: bool = False,
) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(first_indent_cm) if first_indent_cm else Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_next
    if line is not None:
        fmt.line_spacing = line
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        ppr.append(level)


def _styles(doc: Document) -> None:
    _doc_defaults(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    body = {"first_indent_cm": 1.0, "before": 6}
    _paragraph_style(doc, "NTM Body", **body)
    _paragraph_style(doc, "NTM Heading 1", bold=True, outline=0, keep_next=True, **body)
    _paragraph_style(doc, "NTM Heading 2", bold=True, outline=1, keep_next=True, **body)
    _paragraph_style(doc, "NTM Heading 3", bold=True, italic=True, outline=2, keep_next=True, **body)
    centred = {"align": WD_ALIGN_PARAGRAPH.CENTER, "before": 0, "line": None}
    _paragraph_style(doc, "NTM Doc Type", bold=True, **{**centred, "before": 18})
    _paragraph_style(doc, "NTM Appendix", bold=True, keep_next=True, **centred)
    _paragraph_style(doc, "NTM Figure", keep_next=True, **{**centred, "before": 6})
    _paragraph_style(doc, "NTM Caption", size=12, italic=True, **centred)
    _paragraph_style(doc, "NTM Subject", bold=True, **centred)
    _paragraph_style(doc, "NTM Header Cell", size=13, **centred)
    _paragraph_style(doc, "NTM Annex Ref", italic=True, **centred)
    _paragraph_style(doc, "NTM Rule", size=4, **{**centred, "before": 3})
    _paragraph_style(doc, "NTM Recipients", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, before=0, line=None)
    _paragraph_style(doc, "NTM Signature", bold=True, **centred)
    _paragraph_style(doc, "NTM Table", size=12, align=WD_ALIGN_PARAGRAPH.LEFT, before=2, after=2, line=None)
    _paragraph_style(doc, "NTM Table Head", size=12, bold=True, **{**centred, "before": 2})
    for style in doc.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            _set_fonts(style.element)


# ---------------------------------------------------------------- page setup


def _mm_inside(mm: float) -> Twips:
    """A length in whole twips that is not below `mm` (Word stores margins in twips)."""
    return Twips(math.ceil(mm * 1440 / 25.4))


def _page(section: object, *, landscape: bool = False) -> None:
    s = section
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    s.page_width, s.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))  # type: ignore[attr-defined]
    s.top_margin = s.bottom_margin = _mm_inside(20)  # type: ignore[attr-defined]
    s.left_margin, s.right_margin = _mm_inside(30), _mm_inside(15)  # type: ignore[attr-defined]
    s.header_distance = s.footer_distance = Mm(10)  # type: ignore[attr-defined]


def _page_number_header(section: object) -> None:
    """Number centred at the top of every page but the first (first-page header left empty)."""
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    paragraph = section.header.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.style = "NTM Header Cell"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "28")
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    section.first_page_header.paragraphs[0].style = "NTM Header Cell"  # type: ignore[attr-defined]


# ---------------------------------------------------------------- building blocks


def _runs(paragraph: object, runs: Sequence[Run] | str) -> None:
    for text, flags in [(runs, "")] if isinstance(runs, str) else runs:
        run = paragraph.add_run(text)  # type: ignore[attr-defined]
        if "b" in flags:
            run.bold = True
        if "i" in flags:
            run.italic = True


def para(container: object, style: str, runs: Sequence[Run] | str = "") -> object:
    paragraph = container.add_paragraph(style=style)  # type: ignore[attr-defined]
    _runs(paragraph, runs)
    return paragraph


def rule(container: object, length_cm: float, width_cm: float) -> None:
    """A centred solid line `length_cm` long: an empty paragraph with a top border, indented."""
    paragraph = para(container, "NTM Rule")
    indent = max((width_cm - length_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(indent)  # type: ignore[attr-defined]
    paragraph.paragraph_format.right_indent = Cm(indent)  # type: ignore[attr-defined]
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)


def _no_borders(table: object) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _fixed_widths(table: object, widths_cm: Sequence[float]) -> None:
    table.autofit = False  # type: ignore[attr-defined]
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid  # type: ignore[attr-defined]
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _cell(table: object, row: int, col: int) -> object:
    cell = table.cell(row, col)  # type: ignore[attr-defined]
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cell


def _tag_cell_paragraph(cell: object, tag: str) -> None:
    para(cell, "NTM Header Cell", tag)


def header_block(doc: Document, symbol: str) -> None:
    """The agency | national motto table, then Số | place and date on the same row."""
    left_w, right_w = 6.3, TEXT_WIDTH_CM - 6.3
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, (left_w, right_w))
    agency = _cell(table, 0, 0)
    _tag_cell_paragraph(agency, "{%p for line in issuer %}")
    para(agency, "NTM Header Cell", [("{{ line }}", "b")])
    _tag_cell_paragraph(agency, "{%p endfor %}")
    rule(agency, 2.0, left_w - 0.4)
    motto = _cell(table, 0, 1)
    para(motto, "NTM Header Cell", [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b")])
    motto_line = para(motto, "NTM Header Cell", [("Độc lập - Tự do - Hạnh phúc", "b")])
    motto_line.runs[0].font.size = Pt(14)  # type: ignore[attr-defined]
    rule(motto, 6.1, right_w - 0.4)
    number = _cell(table, 1, 0)
    para(number, "NTM Header Cell", "{{ number_line }}").paragraph_format.space_before = Pt(6)  # type: ignore[attr-defined]
    _ = symbol  # the symbol (KH-UBND, BC-UBND) comes from the context's number_line
    place = _cell(table, 1, 1)
    line = para(place, "NTM Header Cell", [("{{ place_date }}", "i")])
    line.runs[0].font.size = Pt(14)  # type: ignore[attr-defined]
    line.paragraph_format.space_before = Pt(6)  # type: ignore[attr-defined]


def draft_mark(doc: Document) -> None:
    """'DỰ THẢO' above the type name when the context says `draft`: a text that cannot be signed."""
    para(doc, "NTM Body", "{%p if draft %}")
    mark = para(doc, "NTM Doc Type", "DỰ THẢO")
    mark.paragraph_format.space_before = Pt(6)  # type: ignore[attr-defined]
    para(doc, "NTM Body", "{%p endif %}")


def title_block(doc: Document, doc_type: str) -> None:
    para(doc, "NTM Doc Type", doc_type)
    para(doc, "NTM Subject", "{{ subject }}")
    rule(doc, 4.0, TEXT_WIDTH_CM)


def loop(doc: object, tag: str, body: Sequence[tuple[str, Sequence[Run] | str]], end: str = "{%p endfor %}") -> None:
    para(doc, "NTM Body", tag)
    for style, runs in body:
        para(doc, style, runs)
    para(doc, "NTM Body", end)


def dash_loop(doc: object, items: str, var: str = "line") -> None:
    loop(doc, f"{{%p for {var} in {items} %}}", [("NTM Body", f"- {{{{ {var} }}}}")])


def labelled_loop(doc: object, items: str, var: str = "it", lead: str = "- ") -> None:
    loop(
        doc,
        f"{{%p for {var} in {items} %}}",
        [("NTM Body", [(lead, ""), (f"{{{{ {var}.label }}}}", "b"), (f": {{{{ {var}.text }}}}", "")])],
    )


def signature_block(doc: Document) -> None:
    left_w, right_w = 7.0, TEXT_WIDTH_CM - 7.0
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed_widths(table, (left_w, right_w))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # never half a signature on a page
    left = _cell(table, 0, 0)
    head = para(left, "NTM Recipients", [("Nơi nhận:", "bi")])
    head.runs[0].font.size = Pt(12)  # type: ignore[attr-defined]
    head.paragraph_format.space_before = Pt(6)  # type: ignore[attr-defined]
    para(left, "NTM Recipients", "{%p for r in recipients %}")
    para(left, "NTM Recipients", "{{ r }}")
    para(left, "NTM Recipients", "{%p endfor %}")
    right = _cell(table, 0, 1)
    para(right, "NTM Signature", "{%p if signer.on_behalf %}")
    first = para(right, "NTM Signature", "{{ signer.on_behalf }}")
    first.paragraph_format.space_before = Pt(6)  # type: ignore[attr-defined]
    para(right, "NTM Signature", "{%p endif %}")
    para(right, "NTM Signature", "{{ signer.title }}")
    for _ in range(4):
        para(right, "NTM Signature", "")
    para(right, "NTM Signature", "{{ signer.name }}")


def annex_section(doc: Document, heading: str) -> None:
    """A landscape section numbered from 1 (NĐ 30: each appendix has its own page numbers)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = True
    section.first_page_header.is_linked_to_previous = True
    sect_pr = section._sectPr
    numbering = sect_pr.find(qn("w:pgNumType"))  # copied from the previous annex, if any
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        sect_pr.find(qn("w:cols")).addprevious(numbering)
    numbering.set(qn("w:start"), "1")
    para(doc, "NTM Appendix", heading)


def data_table(
    doc: Document, heads: Sequence[str], widths: Sequence[float], group_cells: Sequence[str], item_cells: Sequence[str]
) -> None:
    """Header row, then one row per item of `rows`: bold group rows and plain item rows."""
    table = doc.add_table(rows=7, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, widths)
    for i, text in enumerate(heads):
        para(_cell(table, 0, i), "NTM Table Head", text)
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    tags = {1: "{%tr for row in ROWS %}", 2: "{%tr if row.group %}", 4: "{%tr else %}", 6: "{%tr endif %}"}
    for r, tag in tags.items():
        for i in range(len(heads)):
            para(_cell(table, r, i), "NTM Table", tag.replace("ROWS", group_cells[0]) if i == 0 else "")
    for i, text in enumerate(group_cells[1:]):
        group = para(_cell(table, 3, i), "NTM Table", [(text, "b")] if text else "")
        group.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
    for i, text in enumerate(item_cells):
        para(_cell(table, 5, i), "NTM Table", text)
    end = table.add_row()
    for i in range(len(heads)):
        cell = end.cells[i]
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        para(cell, "NTM Table", "{%tr endfor %}" if i == 0 else "")
        cell.width = Cm(widths[i])


# Children of w:tblPr and w:trPr in the order of the WordprocessingML schema (ECMA-376
# CT_TblPr, CT_TrPr): Word reports an out-of-order or repeated child as a damaged file.
TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
)
TR_PR_ORDER = (
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
)


def _schema_order(parent: object, order: Sequence[str]) -> None:
    """Keep the last of each repeated child and put them in schema order."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    chosen: dict[str, object] = {}
    for child in list(parent):  # type: ignore[call-overload]
        chosen[child.tag] = child
        parent.remove(child)  # type: ignore[attr-defined]
    for tag in sorted(chosen, key=lambda t: rank.get(t, len(rank))):
        parent.append(chosen[tag])  # type: ignore[attr-defined]


def tidy_tables(doc: Document) -> None:
    for tbl in doc.element.body.iter(qn("w:tbl")):
        _schema_order(tbl.tblPr, TBL_PR_ORDER)
        for tr_pr in tbl.iter(qn("w:trPr")):
            _schema_order(tr_pr, TR_PR_ORDER)


def new_document() -> Document:
    doc = Document()
    _styles(doc)
    body = doc.element.body
    for paragraph in list(doc.paragraphs):
        body.remove(paragraph._p)
    _page(doc.sections[0])
    _page_number_header(doc.sections[0])
    doc.core_properties.author = "ntm-plan"
    doc.core_properties.language = LANG
    return doc


# ---------------------------------------------------------------- the two documents


def build_plan() -> Document:
    doc = new_document()
    doc.core_properties.title = "Kế hoạch xây dựng nông thôn mới"
    header_block(doc, "KH")
    title_block(doc, "KẾ HOẠCH")
    para(doc, "NTM Body", "{{ opening }}")
    para(doc, "NTM Heading 1", "I. MỤC ĐÍCH, YÊU CẦU VÀ CHỈ TIÊU")
    para(doc, "NTM Heading 2", "1. Mục đích")
    dash_loop(doc, "purposes")
    para(doc, "NTM Heading 2", "2. Yêu cầu")
    dash_loop(doc, "requirements")
    para(doc, "NTM Heading 2", "3. Chỉ tiêu")
    dash_loop(doc, "targets")
    para(doc, "NTM Body", "{%p if target_rows %}")
    para(doc, "NTM Body", "{{ target_rows_intro }}")
    data_table(
        doc,
        ("TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"),
        (1.2, 9.3, 3.5, 2.5),
        ("target_rows", "{{ row.tt }}", "{{ row.content }}", "", ""),
        ("{{ row.tt }}", "{{ row.content }}", "{{ row.unit }}", "{{ row.value }}"),
    )
    para(doc, "NTM Body", "{%p endif %}")
    para(doc, "NTM Heading 1", "II. NỘI DUNG THỰC HIỆN")
    para(doc, "NTM Body", "{%p for part in content_parts %}")
    para(doc, "NTM Heading 2", "{{ part.heading }}")
    para(doc, "NTM Body", "{{ part.intro }}")
    para(doc, "NTM Body", "{%p for g in part.groups %}")
    para(doc, "NTM Heading 3", "{{ g.heading }}")
    para(doc, "NTM Body", "{%p if g.intro %}")
    para(doc, "NTM Body", "{{ g.intro }}")
    para(doc, "NTM Body", "{%p endif %}")
    loop(doc, "{%p for c in g.shared %}", [("NTM Body", [("- ", ""), ("{{ c.who }}", "b"), (": {{ c.text }}", "")])])
    para(doc, "NTM Body", "{%p for u in g.units %}")
    para(doc, "NTM Body", [("+ ", ""), ("{{ u.title }}", "b"), ("{{ u.summary }}", "")])
    labelled_loop(doc, "u.points")
    para(doc, "NTM Body", "{%p endfor %}")
    para(doc, "NTM Body", "{%p endfor %}")
    labelled_loop(doc, "part.entries")
    para(doc, "NTM Body", "{%p endfor %}")
    para(doc, "NTM Heading 1", "III. TIẾN ĐỘ THỰC HIỆN")
    para(doc, "NTM Body", "{{ schedule_text }}")
    para(doc, "NTM Heading 1", "IV. TỔ CHỨC THỰC HIỆN")
    para(doc, "NTM Body", "{%p for part in organisation_parts %}")
    para(doc, "NTM Heading 2", "{{ part.heading }}")
    para(doc, "NTM Body", "{%p if part.intro %}")
    para(doc, "NTM Body", "{{ part.intro }}")
    para(doc, "NTM Body", "{%p endif %}")
    para(doc, "NTM Body", "{%p for d in part.sections %}")
    para(doc, "NTM Heading 3", "{{ d.heading }}")
    dash_loop(doc, "d.lines", "line")
    para(doc, "NTM Body", "{%p endfor %}")
    dash_loop(doc, "part.lines", "line")
    para(doc, "NTM Body", "{%p endfor %}")
    closing = para(doc, "NTM Body", "{{ closing }}./.")
    closing.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]  # the last lines go with the signature
    signature_block(doc)
    annex_section(doc, "Phụ lục")
    para(doc, "NTM Doc Type", "KHUNG KẾ HOẠCH THỰC HIỆN")
    para(doc, "NTM Subject", "{{ annex_title }}")
    para(doc, "NTM Annex Ref", "{{ annex_ref }}")
    rule(doc, 4.0, LANDSCAPE_WIDTH_CM)
    heads = ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành")
    cells = ("{{ row.tt }}", "{{ row.content }}", "{{ row.lead }}", "{{ row.support }}", "{{ row.due }}")
    group = ("annex_rows", "{{ row.tt }}", "{{ row.content }}", "", "", "")
    para(doc, "NTM Body", "{%p if annex_has_cost %}")
    data_table(
        doc,
        (*heads, "Kinh phí (triệu đồng)"),
        (1.7, 9.6, 4.0, 4.4, 2.8, 2.7),
        (*group, ""),
        (*cells, "{{ row.cost }}"),
    )
    para(doc, "NTM Body", "{%p else %}")
    data_table(doc, heads, (1.7, 11.2, 4.6, 4.9, 2.8), group, cells)
    para(doc, "NTM Body", "{%p endif %}")
    return doc


def build_report() -> Document:
    doc = new_document()
    doc.core_properties.title = "Báo cáo kết quả xây dựng nông thôn mới"
    header_block(doc, "BC")
    draft_mark(doc)
    title_block(doc, "BÁO CÁO")
    para(doc, "NTM Body", "{{ opening }}")
    para(doc, "NTM Heading 1", "I. KẾT QUẢ THỰC HIỆN")
    para(doc, "NTM Body", "{%p for s in results %}")
    para(doc, "NTM Heading 2", "{{ s.heading }}")
    para(doc, "NTM Body", "{%p if s.intro %}")
    para(doc, "NTM Body", "{{ s.intro }}")
    para(doc, "NTM Body", "{%p endif %}")
    dash_loop(doc, "s.lines", "line")
    labelled_loop(doc, "s.entries", "it", "+ ")
    para(doc, "NTM Body", "{%p endfor %}")
    para(doc, "NTM Body", "{%p for f in figures %}")
    para(doc, "NTM Figure", "{{ f.image }}")
    para(doc, "NTM Caption", "{{ f.caption }}")
    para(doc, "NTM Body", "{%p endfor %}")
    para(doc, "NTM Heading 1", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    para(doc, "NTM Body", "{%p for s in shortcomings %}")
    para(doc, "NTM Heading 2", "{{ s.heading }}")
    dash_loop(doc, "s.lines", "line")
    para(doc, "NTM Body", "{%p endfor %}")
    para(doc, "NTM Heading 1", "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM {{ next_period_upper }}")
    dash_loop(doc, "next_lines")
    para(doc, "NTM Heading 1", "IV. KIẾN NGHỊ")
    dash_loop(doc, "proposals")
    closing = para(doc, "NTM Body", "{{ closing }}./.")
    closing.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]  # the last lines go with the signature
    signature_block(doc)
    annex_section(doc, "Biểu 1")
    para(doc, "NTM Subject", "KẾT QUẢ THỰC HIỆN TIÊU CHÍ CỦA CÁC ĐƠN VỊ ĐẾN {{ as_of_label_upper }}")
    para(doc, "NTM Annex Ref", "{{ annex_ref }}")
    rule(doc, 4.0, LANDSCAPE_WIDTH_CM)
    data_table(
        doc,
        [head for head, _ in UNIT_HEADS],
        [width for _, width in UNIT_HEADS],
        ("units_table", "{{ row.tt }}", "{{ row.content }}", "", "", "", "", "", ""),
        (
            "{{ row.tt }}",
            "{{ row.content }}",
            "{{ row.target }}",
            "{{ row.met }}",
            "{{ row.not_met }}",
            "{{ row.unknown }}",
            "{{ row.change }}",
            "{{ row.unmet }}",
        ),
    )
    annex_section(doc, "Biểu 2")
    para(doc, "NTM Subject", "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ CHỦ TRÌ ĐẾN {{ as_of_label_upper }}")
    para(doc, "NTM Annex Ref", "{{ annex_ref }}")
    rule(doc, 4.0, LANDSCAPE_WIDTH_CM)
    data_table(
        doc,
        [head for head, _ in TASK_HEADS],
        [width for _, width in TASK_HEADS],
        ("tasks_table", "{{ row.tt }}", "{{ row.content }}", "", "", "", "", "", ""),
        (
            "{{ row.tt }}",
            "{{ row.content }}",
            "{{ row.place }}",
            "{{ row.quantity }}",
            "{{ row.due }}",
            "{{ row.progress }}",
            "{{ row.quarter }}",
            "{{ row.state }}",
        ),
    )
    return doc


def main(argv: list[str] | None = None) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "src" / "ntm_plan" / "documents" / "templates"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, build in (("ke-hoach.docx", build_plan), ("bao-cao.docx", build_report)):
        path = out_dir / name
        doc = build()
        tidy_tables(doc)
        doc.save(str(path))
        print(f"Đã ghi {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
