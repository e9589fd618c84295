"""The data model: one pydantic class per kind of YAML file and their parts."""

from .common import Code, Deadline, Model, Source
from .criteria import (
    Aggregate,
    CriteriaSet,
    Criterion,
    Derived,
    Indicator,
    Override,
    Threshold,
)
from .department import Department, DepartmentsFile, Responsibility
from .unit import (
    District,
    DocumentMeta,
    Observation,
    Progress,
    Signer,
    TargetSet,
    Task,
    Title,
    Unit,
    UnitTarget,
)

__all__ = [
    "Aggregate",
    "Code",
    "CriteriaSet",
    "Criterion",
    "Deadline",
    "Department",
    "DepartmentsFile",
    "Derived",
    "District",
    "DocumentMeta",
    "Indicator",
    "Model",
    "Observation",
    "Override",
    "Progress",
    "Responsibility",
    "Signer",
    "Source",
    "TargetSet",
    "Task",
    "Threshold",
    "Title",
    "Unit",
    "UnitTarget",
]
