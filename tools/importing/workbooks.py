"""The two official workbooks: their files, the sheets read, and their source rows."""

from __future__ import annotations

WORKBOOK_2023 = "Childrens_social_care_in_England_2023_underlying_data.ods"
SHEET_2023 = "LA_inspections_2009-2023"
WORKBOOK_2025 = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
SHEET_2025 = "ILACS_inspection_history"

SOURCE_2023 = "ofsted-csc-data-england-2023"
SOURCE_2025 = "ofsted-la-inspection-outcomes-2025-03-31"


# The two release pages, as returned by the search tool. The 2025 release's
# own page was not found; its workbook's cover links to the collection page.
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
]
