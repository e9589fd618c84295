"""Shape of a title a unit holds (đạt chuẩn NTM 2019, nâng cao 2020…) and how it was granted.

Part of stage 2 (shape); `model.unit` lists a unit's titles.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from ntm_plan.model.common import AsOf, Int, Model, Slug, Source
from ntm_plan.model.criteria import Tier


class Title(Model):
    """A title the unit was recognised with (đạt chuẩn NTM 2019, nâng cao 2020…): evidence
    that it met the set it was granted under, at the recognition date."""

    tier: Tier
    year: Int = Field(ge=1990, le=2100)
    decision_date: AsOf | None = Field(default=None, description="Ngày quyết định công nhận, nếu biết")
    decision: str | None = Field(default=None, description="Số quyết định công nhận")
    set: Slug | None = Field(default=None, description="Bộ tiêu chí đã được công nhận theo")
    source: Source
    disagreement: str | None = Field(
        default=None,
        description="Chỗ vênh đã biết với nguồn khác về danh hiệu này (ghi rõ thì validate không cảnh báo lại)",
    )
    basis: RecognitionBasis = Field(
        default="công nhận",
        description="'công nhận' (xét công nhận) hoặc 'thừa nhận sau sắp xếp' (đơn vị mới sau sáp nhập)",
    )
    note: str | None = None

    @property
    def recognised_on(self) -> date:
        """The recognition date: the decision's, else the last day of the year."""
        return self.decision_date or date(self.year, 12, 31)

    def held_by(self, day: date) -> bool:
        """Held on `day`: by the decision's date when known, else from its year on."""
        return self.decision_date <= day if self.decision_date else self.year <= day.year


RecognitionBasis = Literal["công nhận", "thừa nhận sau sắp xếp"]
"""How a title was granted: recognised after review, or acknowledged for a unit formed by a
reorganisation (a merged commune holds no title until a decision acknowledges it)."""
