"""ntm-plan: plain-text planning for Vietnam's New Rural Development programme (NTM).

The pipeline, one sub-package a stage: `read` (YAML with positions) → `model` (pydantic
shapes, sets, the dataset) → `check` (across files) → `evaluate` (pure, exact) →
`present` / `documents` (Vietnamese words, tables, JSON, Word) → `cli`. `pipeline`
runs the first stages over a data directory. Nothing is imported here, so that
`import ntm_plan.x` costs only what x needs.
"""
