"""The official workbooks: their files, the sheets read, and their source rows.

The March 2024 edition is read only for its in-year visits (``tools/import_visits.py``);
its other sheets are checked against the record by ``tools/check_workbook_2024.py``.
"""

from __future__ import annotations

WORKBOOK_2023 = "Childrens_social_care_in_England_2023_underlying_data.ods"
SHEET_2023 = "LA_inspections_2009-2023"
WORKBOOK_2025 = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
SHEET_2025 = "ILACS_inspection_history"
WORKBOOK_2024 = "LA_Inspection_Outcomes_as_at_March_2024.ods"

SOURCE_2023 = "ofsted-csc-data-england-2023"
SOURCE_2025 = "ofsted-la-inspection-outcomes-2025-03-31"
SOURCE_2024 = "ofsted-la-inspection-outcomes-2024-03-31"


# The release pages, as returned by the search tool. The 2025 release's own
# page was not found; its workbook's cover links to the collection page. The
# 2024 release's date is its workbook's cover ("Published on: 2024-08-30");
# its page is the parent of the methodology report the search tool returned.
OFFICIAL_SOURCES = [
    {
        "id": SOURCE_2023,
        "title": "Children's social care data in England 2023 (official statistics),"
        " underlying data",
        "publisher": "Ofsted",
        "published": "2023-07-06",
        "url": "https://www.gov.uk/government/statistics/childrens-social-care-data-in-"
        "england-2023/main-findings-childrens-social-care-in-england-2023",
    },
    {
        "id": SOURCE_2025,
        "title": "Local authority inspection outcomes as at 31 March 2025 (official"
        " statistics), underlying data",
        "publisher": "Ofsted",
        "published": "2025-09-25",
        "url": "https://www.gov.uk/government/collections/childrens-social-care-statistics",
    },
    {
        "id": SOURCE_2024,
        "title": "Local authority inspection outcomes as at 31 March 2024 (official"
        " statistics), underlying data",
        "publisher": "Ofsted",
        "published": "2024-08-30",
        "url": "https://www.gov.uk/government/statistics/local-authority-inspection-outcomes-"
        "as-at-31-march-2024",
    },
]
