"""The parts of the seed import tools.

``tools/import_official.py`` (the command) reads Ofsted's two official
workbooks with :mod:`importing.sheet_2023` and :mod:`importing.sheet_2025`,
whose grades :mod:`importing.sheet_grades` maps, and makes ids and rows with
:mod:`importing.rows` (the workbooks and their sources are named in
:mod:`importing.workbooks`; a row as read is :mod:`importing.raw`).
``tools/import_snapshots.py`` reads the ILACS summary snapshots with
:mod:`importing.snapshots`. Shared by the import tools: the ODS reader
(:mod:`importing.ods`), authority resolution (:mod:`importing.authorities`),
report dates (:mod:`importing.report_dates`) and the KNOWN_ISSUES writer
(:mod:`importing.known_issues`); ``import_official.py`` re-exports them.
``tools/import_dfe_statistics.py`` reads the DfE's statistics files with
:mod:`importing.dfe_files` and MHCLG's revenue outturn workbooks with
:mod:`importing.dfe_outturn`, placing rows on councils with
:mod:`importing.dfe_lineage`.
"""
