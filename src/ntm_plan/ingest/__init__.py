"""The quarterly cycle through Excel: forms out to reporting units, filled forms back in.

`forms` decides what a unit's form holds (pure), `workbook` writes it with openpyxl,
`reading` reads a filled form back into typed cells with diagnostics at `Sheet!Cell`,
`changes` checks the figures against the data, and `yaml_edit` writes the new entries
into the YAML files without touching any other byte. openpyxl is imported only here.
"""
