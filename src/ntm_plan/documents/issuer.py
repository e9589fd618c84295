"""Stage 5 for documents: who issues a plan or a report. Pure, no I/O.

The district issues with its `document:` block; a commune issues with its own block when
its file has one, else with the lines NĐ 30/2020 gives any People's Committee ("ỦY BAN NHÂN
DÂN" / "XÃ ĐỨC ĐỒNG", place "Đức Đồng", TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH) and the signer's
name left for the office to write: a person is never invented. The level above the issuer
receives its proposals: the district for a commune while there is one, else the province.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_plan.model import District, Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.unit import DocumentMeta, Signer

SIGN_HERE = "(ký, ghi rõ họ tên)"
"""Where a commune file names no signer: the office writes the name by hand."""


@dataclass(frozen=True)
class Issuer:
    """The issuing unit and what its documents print."""

    unit: Unit
    meta: DocumentMeta
    report_recipients: tuple[str, ...]
    superior: str
    """The level above, in full ('Ủy ban nhân dân tỉnh Hà Tĩnh'): the kiến nghị go there."""

    @property
    def name(self) -> str:
        """'Ủy ban nhân dân huyện Đức Thọ', 'Ủy ban nhân dân xã Đức Đồng'."""
        return f"Ủy ban nhân dân {self.unit.kind} {self.unit.name}"

    @property
    def is_district(self) -> bool:
        return isinstance(self.unit, District)


def _province(data: Dataset, unit: Unit) -> str:
    province = unit.province or (data.district.province if data.district else None)
    return f"Ủy ban nhân dân tỉnh {province}" if province else "Ủy ban nhân dân tỉnh"


def issuer_of(data: Dataset, unit: Unit | None = None) -> Issuer:
    """The district (no `unit`) or a commune as the issuer of its own documents."""
    if unit is None or isinstance(unit, District):
        district = data.district
        assert district is not None, "the district's documents need district.yaml"
        meta = district.document
        reports = meta.report_recipients.recipients if meta.report_recipients else meta.recipients
        return Issuer(district, meta, tuple(reports), _province(data, district))
    above = _above(data, unit)
    superior = f"Ủy ban nhân dân {above.kind} {above.name}" if above is not None else _province(data, unit)
    meta = unit.document or _commune_meta(data, unit)
    reports = meta.report_recipients.recipients if meta.report_recipients else meta.recipients
    return Issuer(unit, meta, tuple(reports), superior)


def _above(data: Dataset, unit: Unit) -> Unit | None:
    """The unit above a commune: its `parent` (the district, or a province after 2025); a
    commune that names no parent is the district's."""
    if unit.parent is None:
        return data.district
    return next((u for u in (data.district, *data.provinces) if u is not None and u.id == unit.parent), None)


def _commune_meta(data: Dataset, unit: Unit) -> DocumentMeta:
    above = _above(data, unit)
    if above is not None:
        upper = [f"UBND {above.kind} {above.name}", f"Văn phòng Điều phối NTM {above.kind}"]
    else:
        province = unit.province or "tỉnh"
        upper = [f"UBND tỉnh {province}" if unit.province else "UBND tỉnh", "Văn phòng Điều phối NTM tỉnh"]
    return DocumentMeta(
        issuer=("ỦY BAN NHÂN DÂN", f"{unit.kind} {unit.name}".upper()),
        issuer_code="UBND",
        place=unit.name,
        signer=Signer(on_behalf="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name=SIGN_HERE),
        recipients=(
            *upper,
            f"Thường trực Đảng ủy, HĐND {unit.kind}",
            f"Các ban, ngành, đoàn thể {unit.kind}",
            "Các thôn, tổ dân phố" if unit.kind == "thị trấn" else "Các thôn",
            "Lưu: VT",
        ),
    )
