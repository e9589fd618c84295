"""docxtpl's DocxTemplate with a render whose cost grows linearly with the document.

docxtpl parses the rendered body as a separate lxml document and then moves it into the
Word document; lxml's move is quadratic in the number of `xml:space` attributes (one per
text run), which made a 2.000-commune plan take minutes. Here the rendered body is parsed
in place: the document's XML is rebuilt around it and fed to the parser in chunks, so no
tree crosses documents and no second full copy of the text is held. The column fix-up
for `{%tc %}` loops runs only when a table needs it, and the pass that turns tab, new
line and page-break characters into Word elements only when a text run has one.
"""

from __future__ import annotations

import re
from typing import Any

from docxtpl import DocxTemplate
from lxml import etree

_CHUNK = 1 << 20
# a tab, bell, new line or form feed inside the text of a run (an inserted picture's XML
# has new lines between its elements, which are not text and need no pass)
_LISTING_IN_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
_BODY = re.compile(r"<w:body[ >/]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def _parser() -> etree.XMLParser:
    from docx.oxml.parser import element_class_lookup

    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


def _needs_column_fix(body: Any) -> bool:
    """True when a row has more cells than its table's grid (what `{%tc %}` loops produce)."""
    for table in body.iter(f"{_W}tbl"):
        grid = table.find(f"{_W}tblGrid")
        columns = len(grid.findall(f"{_W}gridCol")) if grid is not None else 0
        if any(len(row.findall(f"{_W}tc")) > columns for row in table.iter(f"{_W}tr")):
            return True
    return False


class LinearTemplate(DocxTemplate):  # type: ignore[misc]
    def resolve_listing(self, xml: str) -> str:
        if _LISTING_IN_TEXT.search(xml):
            return str(super().resolve_listing(xml))
        return xml

    def fix_tables(self, xml: str) -> str:
        return xml  # parsed in map_tree, inside the target document

    def fix_docpr_ids(self, tree: object) -> None:
        return None  # renumbered in map_tree, once the body is parsed

    def map_tree(self, tree: Any) -> None:
        if not isinstance(tree, str):
            super().map_tree(tree)
            return
        root = self.docx._element
        shell = etree.tostring(root, encoding="unicode")
        start = _BODY.search(shell)
        end = shell.rfind("</w:body>")
        if start is None or end < 0:
            raise ValueError("document.xml has no w:body")
        parser = _parser()
        parser.feed(shell[: start.start()])
        # the body was serialised alone, so its start tag repeats the root's namespaces
        opening = tree.find(">") + 1 if tree.startswith("<w:body ") else 0
        parser.feed("<w:body>" if opening else "")
        for offset in range(opening, len(tree), _CHUNK):
            parser.feed(tree[offset : offset + _CHUNK])
        parser.feed(shell[end + len("</w:body>") :])
        new_root = parser.close()
        body = new_root.find(f"{_W}body")
        if _needs_column_fix(body):
            fixed = super().fix_tables(tree)
            new_root.replace(body, fixed)
            body = fixed
        for picture in body.iter(_DOC_PR):  # unique drawing ids, as docxtpl numbers them
            self.docx_ids_index += 1
            picture.set("id", str(self.docx_ids_index))
        self.docx._part._element = new_root
        self.docx._element = new_root
        self.docx._Document__body = None
