"""The real Đức Thọ data states what the 2024 plan states.

The table below was written by hand from the plan
(the public "Kế hoạch xây dựng huyện Đức Thọ đạt chuẩn NTM nâng cao năm 2024",
UBND huyện Đức Thọ), not generated from `data/`: each row is
a number the plan gives for a commune, the township, the district or a department. The test
checks that the number appears in that owner's data (observation, target or task; duties
for departments) on an item whose source is the plan. It also checks that the real data
validates without errors.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ntm_plan.diagnostics import Severity
from ntm_plan.pipeline.load import load

DATA = Path(__file__).parent.parent / "data"
PLAN = "Kế hoạch xây dựng huyện Đức Thọ đạt chuẩn NTM nâng cao năm 2024 (UBND huyện Đức Thọ)"

# (owner, number as written in the plan, what it is). Owner: a commune file id, "district",
# or "dept:<department id>".
FACTS: list[tuple[str, str, str]] = [
    # I.3 / II.2: district
    ("district", "9", "duy trì 9 tiêu chí huyện NTM / hoàn thành 9 tiêu chí huyện NTM nâng cao"),
    ("district", "2", "thêm ít nhất 2-3 xã NTM nâng cao (cận dưới)"),
    ("district", "3", "thêm 2-3 xã NTM nâng cao (cận trên)"),
    ("district", "1", "1-2 xã NTM kiểu mẫu (cận dưới)"),
    ("district", "8", "thêm 8 thôn đạt chuẩn khu dân cư NTM kiểu mẫu"),
    ("district", "125", "duy trì 125 khu dân cư kiểu mẫu đã đạt"),
    ("district", "3", "3 sản phẩm OCOP mới"),
    ("district", "31", "31 sản phẩm OCOP đã đạt chuẩn"),
    ("district", "25", "25 km đường giao thông"),
    ("district", "20", "20 km GTNT"),
    ("district", "5", "5 km GTND"),
    ("district", "10", "10 kênh mương cứng"),
    ("district", "3.5", "3,5 km kênh mương từ nguồn hỗ trợ xi măng"),
    ("district", "1", "1 trường công nhận mới chuẩn quốc gia"),
    ("district", "2", "2 trường kiểm tra lại mức độ 1 / 2 trường mức độ 2"),
    ("district", "3", "duy trì 3 trường THPT đạt chuẩn mức độ 1"),
    ("district", "20", "20 doanh nghiệp thành lập mới"),
    ("district", "65", "HTX hoạt động hiệu quả 65%"),
    ("district", "66", "66 mô hình kinh tế"),
    ("district", "39", "39 mô hình lĩnh vực nông nghiệp"),
    ("district", "27", "27 mô hình lĩnh vực TTCN"),
    ("district", "60.2", "thu nhập bình quân 60,2 triệu đồng"),
    ("district", "78.5", "lao động qua đào tạo 78,5%"),
    ("district", "0.4", "hộ nghèo giảm 0,4-0,5%/năm (cận dưới)"),
    ("district", "0.5", "hộ nghèo giảm 0,4-0,5%/năm (cận trên)"),
    ("district", "97", "BHYT 97%"),
    ("district", "10.5", "suy dinh dưỡng thể chiều cao/tuổi dưới 10,5%"),
    ("district", "30379", "30.379 gia đình văn hóa"),
    ("district", "155", "155 làng văn hóa"),
    ("district", "100", "nước hợp vệ sinh 100%; giao quân 100%; DVC một phần 100%"),
    ("district", "86", "nước sạch 86%"),
    ("district", "50", "lấp đầy cụm công nghiệp tối thiểu 50%"),
    ("district", "80", "dịch vụ công toàn trình trên 80%"),
    ("district", "4", "hạ tầng 4 vùng sản xuất tập trung"),
    ("district", "1", "Đập Am: một thiết bị giám sát"),
    ("district", "15", "THPT Đức Thọ: khối nhà chức năng 15 phòng"),
    ("district", "1", "TT GDNN-GDTX: 1 trạm biến áp"),
    ("district", "2", "02 xe chuyên dùng thu gom rác"),
    # VI.1.2: departments
    ("dept:tai-nguyen-moi-truong", "150", "mô hình xử lý nước thải tập trung 150 hộ, thôn Quang Chiêm"),
    ("dept:nong-nghiep", "5", "mô hình tái chế chất thải hữu cơ từ 5 tấn/ngày"),
    ("district", "50", "toàn huyện tối thiểu 50% hộ lắp mô hình xử lý nước thải (VI.1.2.8)"),
    # II.1.1: communes
    ("tung-anh", "5", "5 cụm loa vô tuyến"),
    ("tung-anh", "1", "01 bộ loa kéo; 01 mô hình kinh tế số"),
    ("tung-anh", "12", "12/12 khu dân cư mẫu"),
    ("tung-anh", "2", "2 thôn thông minh (Đông Thái, Châu Nội)"),
    ("tung-anh", "35", "tối thiểu 35% trẻ 18-36 tháng đi học"),
    ("tan-huong", "5", "lạc VietGAP 5 ha"),
    ("tan-huong", "55", "nước sạch tập trung tối thiểu 55%"),
    ("tan-huong", "0", "chưa có hộ dùng nước sạch tập trung"),
    ("tan-huong", "4", "4/4 khu dân cư mẫu"),
    ("bui-la-nhan", "9", "9/9 khu dân cư mẫu"),
    ("bui-la-nhan", "60.5", "thu nhập 2024 đạt 60,5 triệu"),
    ("bui-la-nhan", "56.15", "thu nhập 2023 đạt 56,15 triệu"),
    ("bui-la-nhan", "35", "trẻ 18-36 tháng đến lớp trên 35%"),
    ("bui-la-nhan", "1", "01 mô hình điển hình về ANTT"),
    ("bui-la-nhan", "50", "vùng sản xuất hàng hóa tập trung 50 ha"),
    ("quang-vinh", "60.5", "thu nhập 2024 đạt 60,5 triệu"),
    ("quang-vinh", "51.08", "thu nhập 2023 đạt 51,08 triệu"),
    ("quang-vinh", "8", "8/8 khu dân cư mẫu"),
    ("quang-vinh", "1", "ít nhất một lĩnh vực nổi trội"),
    ("duc-dong", "350", "tuyến TT 5 dài 350"),
    ("duc-dong", "790", "tuyến LT 14 dài 790 m"),
    ("duc-dong", "6", "6 phòng học bộ môn THCS Đồng Lạng"),
    ("duc-dong", "55", "thu nhập 2024 đạt 55 triệu; nước sạch tập trung tối thiểu 55%"),
    ("duc-dong", "50.02", "thu nhập 2023 đạt 50,02 triệu"),
    ("duc-dong", "10", "lạc VietGAP 10 ha"),
    ("duc-dong", "7", "7/9 khu dân cư mẫu (đã đạt)"),
    ("duc-dong", "9", "7/9 khu dân cư mẫu (tổng)"),
    ("duc-dong", "2", "2 thôn còn lại"),
    ("duc-dong", "70", "thôn còn lại đạt tối thiểu 70%"),
    ("an-dung", "2.5", "2,5 km ngõ xóm"),
    ("an-dung", "0.76", "0,76 km trục thôn"),
    ("an-dung", "0.46", "0,46 km nội đồng"),
    ("an-dung", "1", "ít nhất 1 trường đạt chuẩn mức độ 2"),
    ("an-dung", "55", "thu nhập 2024 đạt 55 triệu; nước sạch tập trung tối thiểu 55%"),
    ("an-dung", "48.65", "thu nhập 2023 đạt 48,65 triệu"),
    ("an-dung", "40", "xử lý nước thải tối thiểu 40%"),
    ("an-dung", "251", "tối thiểu 251 nhà vệ sinh tự hoại"),
    ("an-dung", "90", "nhà vệ sinh tự hoại 90%"),
    ("an-dung", "10", "10/13 khu dân cư mẫu (đã đạt)"),
    ("an-dung", "13", "10/13 khu dân cư mẫu (tổng)"),
    ("an-dung", "3", "3 thôn còn lại"),
    ("an-dung", "70", "thôn còn lại đạt tối thiểu 70%"),
    ("tung-chau", "1.8", "1,8 km ngõ xóm"),
    ("tung-chau", "0.53", "0,53 km nội đồng"),
    ("tung-chau", "0.422", "0,422 km rãnh thoát nước"),
    ("tung-chau", "55", "thu nhập 2024 đạt 55 triệu; nước sạch tập trung tối thiểu 55%"),
    ("tung-chau", "51.02", "thu nhập 2023 đạt 51,02 triệu"),
    ("tung-chau", "11.2", "lúa VietGAP 11,2 ha"),
    ("tung-chau", "208", "lắp 208 mô hình xử lý nước thải"),
    ("tung-chau", "40", "xử lý nước thải tối thiểu 40%"),
    ("tung-chau", "90", "nhà vệ sinh tự hoại tối thiểu 90%"),
    ("tung-chau", "4", "4/7 khu dân cư mẫu (đã đạt)"),
    ("tung-chau", "7", "4/7 khu dân cư mẫu (tổng)"),
    ("tung-chau", "1", "thêm ít nhất 1 khu dân cư mẫu"),
    ("tung-chau", "70", "các thôn còn lại đạt tối thiểu 70%"),
    ("tan-dan", "55", "nước sạch tập trung tối thiểu 55%"),
    ("tan-dan", "3", "thêm ít nhất 3 khu dân cư đạt chuẩn"),
]

# Deadlines the plan gives: (owner, task id, due label).
DEADLINES: list[tuple[str, str, str]] = [
    ("duc-dong", "thcs-dong-lang-phong-bo-mon", "Quý IV/2024"),
    ("thi-tran-duc-tho", "cong-nhan-dtvm", "Quý II/2024"),
    ("district", "dh-46", "Quý I/2024"),
    ("district", "dh-56", "Quý I/2024"),
    ("district", "quy-hoach-vung-huyen", "Quý I/2024"),
    ("district", "ho-so-tieu-chi", "Quý II/2024"),
    ("district", "bao-cao-chu-tich", "Quý III/2024"),
]

# Titles the plan states: (commune, tier, year).
TITLES: list[tuple[str, str, int]] = [
    ("tan-huong", "nâng cao", 2020),
    ("bui-la-nhan", "nâng cao", 2020),
    ("tung-anh", "nâng cao", 2019),
    ("tung-anh", "kiểu mẫu", 2020),
]


NANG_CAO = "ha-tinh-xa-ntm-nang-cao-2022-2025"
KIEU_MAU = "ha-tinh-xa-ntm-kieu-mau-2022-2025"

# Criteria the plan states a commune has still to complete (statements `met: false`), with the
# plan's words that say so; II.1.1 unless noted. Criteria the plan only gives a threshold for
# (An Dũng and Tùng Châu: nước sạch tập trung tối thiểu 55%) are left unstated.
NOT_MET: list[tuple[str, str, str, str]] = [
    ("tan-huong", NANG_CAO, "2", "đạt chuẩn trước năm 2022: gờ giảm tốc, biển báo"),
    ("tan-huong", NANG_CAO, "13", "lạc VietGAP 5 ha để cấp mã vùng"),
    ("tan-huong", NANG_CAO, "17", "phân loại, xử lý rác tại hộ"),
    ("bui-la-nhan", KIEU_MAU, "1", "để đạt chuẩn NTM nâng cao theo bộ tiêu chí giai đoạn mới"),
    ("bui-la-nhan", KIEU_MAU, "3", "xây dựng thôn Hạ Tứ đạt chuẩn thôn thông minh"),
    ("bui-la-nhan", KIEU_MAU, "4", "lĩnh vực nổi trội còn việc phải làm"),
    ("bui-la-nhan", KIEU_MAU, "5", "Mầm non Bùi Xá, trẻ 18-36 tháng trên 35%"),
    ("tung-anh", KIEU_MAU, "1", "để đạt chuẩn NTM nâng cao theo bộ tiêu chí giai đoạn mới"),
    ("tung-anh", KIEU_MAU, "3", "xây dựng 2 thôn thông minh"),
    ("tung-anh", KIEU_MAU, "5", "vận động tối thiểu 35% trẻ 18-36 tháng đi học"),
    ("quang-vinh", KIEU_MAU, "3", "xây dựng thôn Vĩnh Phúc thông minh"),
    ("quang-vinh", KIEU_MAU, "4", "lựa chọn ít nhất một lĩnh vực nổi trội"),
    ("duc-dong", NANG_CAO, "1", "hoàn thiện điều chỉnh quy hoạch chung, trình phê duyệt"),
    ("duc-dong", NANG_CAO, "5", "THCS Đồng Lạng kiểm tra công nhận lại quý IV/2024"),
    ("duc-dong", NANG_CAO, "6", "chỉnh trang nhà văn hóa, bổ sung thiết chế"),
    ("duc-dong", NANG_CAO, "13", "lạc VietGAP 10 ha"),
    ("duc-dong", NANG_CAO, "17", "nước thải, rác, nhà vệ sinh 2 ngăn"),
    ("duc-dong", NANG_CAO, "18", "nhà máy nước sạch Đức Đồng chưa khởi công (II.2)"),
    ("an-dung", NANG_CAO, "2", "cần hoàn thiện tối thiểu 2,5 km ngõ xóm"),
    ("an-dung", NANG_CAO, "5", "3 trường cần đạt chuẩn mức độ 1"),
    ("an-dung", NANG_CAO, "17", "cần tối thiểu 251 nhà vệ sinh tự hoại"),
    ("tung-chau", NANG_CAO, "2", "cần hoàn thiện tối thiểu 1,8 km ngõ xóm"),
    ("tung-chau", NANG_CAO, "5", "cần xây dựng trường Tiểu học Tùng Châu mức độ 2"),
    ("tung-chau", NANG_CAO, "13", "lúa VietGAP 11,2 ha"),
    ("tung-chau", NANG_CAO, "17", "cần lắp đặt 208 mô hình xử lý nước thải"),
    ("duc-lang", NANG_CAO, "18", "để nhân dân 2 xã sớm được sử dụng nước sạch"),
    ("hoa-lac", NANG_CAO, "18", "để nhân dân 2 xã sớm được sử dụng nước sạch"),
    ("tan-dan", NANG_CAO, "18", "nhằm tăng tỷ lệ hộ dùng nước sạch tập trung lên 55%"),
    ("tan-dan", NANG_CAO, "20", "cần xây dựng thêm ít nhất 3 khu dân cư"),
    ("lien-minh", NANG_CAO, "18", "để nhân dân sớm được dùng nước sạch tập trung"),
]


@pytest.fixture(scope="module")
def loaded():
    return load(DATA)


def _from_plan(item) -> bool:  # type: ignore[no-untyped-def]
    return item.source is not None and item.source.document == PLAN


def _numbers(dataset, owner: str) -> set[Decimal]:  # type: ignore[no-untyped-def]
    found: set[Decimal] = set()
    if owner.startswith("dept:"):
        dept = next(d for d in dataset.departments if d.id == owner.removeprefix("dept:"))
        for task in dept.duties:
            if _from_plan(task) and task.quantity is not None:
                found.add(task.quantity)
        return found
    unit = dataset.district if owner == "district" else next(u for u in dataset.units if u.id == owner)
    for obs in unit.observations:
        if _from_plan(obs):
            for value in (obs.value, obs.count, obs.total, obs.short_by):
                if value is not None:
                    found.add(Decimal(value))
    for target in unit.targets:
        if _from_plan(target):
            for value in (target.value, target.upper):
                if value is not None:
                    found.add(value)
    for task in unit.tasks:
        if _from_plan(task) and task.quantity is not None:
            found.add(task.quantity)
    return found


def test_real_data_validates_without_errors(loaded) -> None:  # type: ignore[no-untyped-def]
    _, diags = loaded
    errors = [d for d in diags if d.severity is Severity.ERROR]
    assert errors == []


def test_sixteen_units_and_the_district(loaded) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = loaded
    assert len(dataset.district_units()) == 16  # "16 xã, thị trấn" (plan, VI.3)
    assert [u.name for u in dataset.district_units() if u.kind == "thị trấn"] == ["Đức Thọ"]
    assert dataset.district is not None and dataset.district.id == "huyen-duc-tho"


@pytest.mark.parametrize(("owner", "number", "what"), FACTS, ids=[f"{o}:{n}:{w}" for o, n, w in FACTS])
def test_plan_number_is_in_the_data(loaded, owner: str, number: str, what: str) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = loaded
    assert Decimal(number) in _numbers(dataset, owner), f"{owner}: {what} ({number}) không có trong dữ liệu"


@pytest.mark.parametrize(("owner", "task_id", "label"), DEADLINES)
def test_plan_deadline(loaded, owner: str, task_id: str, label: str) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = loaded
    unit = dataset.district if owner == "district" else next(u for u in dataset.units if u.id == owner)
    task = next(t for t in unit.tasks if t.id == task_id)
    assert task.due is not None and str(task.due) == label


@pytest.mark.parametrize(("owner", "tier", "year"), TITLES)
def test_plan_title(loaded, owner: str, tier: str, year: int) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = loaded
    unit = next(u for u in dataset.units if u.id == owner)
    assert any(t.tier == tier and t.year == year and _from_plan(t) for t in unit.titles)


def test_income_observations_are_dated_end_of_2023(loaded) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = loaded
    incomes = {u.id: o for u in dataset.units for o in u.observations if o.indicator in ("10", "2")}
    assert {k: v.value for k, v in incomes.items()} == {
        "duc-dong": Decimal("50.02"),
        "an-dung": Decimal("48.65"),
        "tung-chau": Decimal("51.02"),
        "bui-la-nhan": Decimal("56.15"),
        "quang-vinh": Decimal("51.08"),
    }
    assert {str(o.as_of) for o in incomes.values()} == {"2023-12-31"}


def test_criteria_the_plan_states_not_met_and_no_others(loaded) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = loaded
    stated = {
        (u.id, o.set, o.criterion)
        for u in dataset.units
        for o in u.observations
        if o.criterion is not None and o.met is False and _from_plan(o)
    }
    assert stated == {(unit, cset, code) for unit, cset, code, _ in NOT_MET}


def test_township_civilised_urban_condition_is_led_by_culture_office(loaded) -> None:  # type: ignore[no-untyped-def]
    # VI.1.2.6: Phòng VH-TT "chủ trì ... hướng dẫn, đôn đốc thị trấn" to đô thị văn minh; VI.1.2.1 does not name it
    dataset, _ = loaded
    owners = {
        d.id
        for d in dataset.departments
        for r in d.responsibilities
        if r.set == "huyen-ntm-nang-cao-2021-2025" and "thi-tran-van-minh" in r.indicators
    }
    assert owners == {"van-hoa-thong-tin"}
