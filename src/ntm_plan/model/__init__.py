"""The data model: one pydantic class per kind of YAML file and their parts."""

from ntm_plan.model.common import Code, Deadline, Model, Source
from ntm_plan.model.criteria import (
    Aggregate,
    Condition,
    CriteriaSet,
    Criterion,
    Derived,
    Indicator,
    Override,
    Threshold,
)
from ntm_plan.model.department import Department, DepartmentsFile, Responsibility, Unassigned
from ntm_plan.model.place import Predecessor, UnitGroup
from ntm_plan.model.titles import Title
from ntm_plan.model.unit import (
    Claim,
    District,
    DocumentMeta,
    Goal,
    Observation,
    Progress,
    Province,
    Signer,
    TargetSet,
    Task,
    Unit,
    UnitTarget,
)

__all__ = [
    "Aggregate",
    "Claim",
    "Code",
    "Condition",
    "CriteriaSet",
    "Criterion",
    "Deadline",
    "Department",
    "DepartmentsFile",
    "Derived",
    "District",
    "DocumentMeta",
    "Goal",
    "Indicator",
    "Model",
    "Observation",
    "Override",
    "Predecessor",
    "Progress",
    "Province",
    "Responsibility",
    "Signer",
    "Source",
    "TargetSet",
    "Task",
    "Threshold",
    "Title",
    "Unassigned",
    "Unit",
    "UnitGroup",
    "UnitTarget",
]
