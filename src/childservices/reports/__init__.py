"""Reading Ofsted's reports on local authority children's services (optional extra).

For example, with a report PDF downloaded from Ofsted's website::

    from childservices.reports import read_report

    inspection = read_report("children's services inspection - 23 may 2014.pdf")
    inspection.overall  # the report's overall judgement, as a Grade

:func:`parse_report_text` reads the facts out of a report's text and needs
nothing extra; :func:`read_report` reads a PDF file and needs pypdf (the
``reports`` extra: ``pip install 'childservices[reports]'``, or
``pip install '.[reports]'`` in a checkout), which is imported only when a PDF
is read. The how-to on reading reports runs this on the shared files.
"""

from childservices.errors import ReportError
from childservices.reports.facts import ReportFacts
from childservices.reports.parse import (
    FACTS_ON_FIRST_PAGES,
    normalise,
    parse_report_text,
    states_all_on_first_pages,
)
from childservices.reports.read import (
    LISTED_AFTER_FIELDWORK_MONTHS,
    authority_slug,
    date_warnings,
    inspection_from_facts,
    inspection_id,
    published_from_file_name,
    read_report,
    read_report_facts,
    source_id,
)
from childservices.reports.text import check_pdf, extract_text

__all__ = [
    "FACTS_ON_FIRST_PAGES",
    "LISTED_AFTER_FIELDWORK_MONTHS",
    "ReportError",
    "ReportFacts",
    "authority_slug",
    "check_pdf",
    "date_warnings",
    "extract_text",
    "inspection_from_facts",
    "inspection_id",
    "normalise",
    "parse_report_text",
    "published_from_file_name",
    "read_report",
    "read_report_facts",
    "source_id",
    "states_all_on_first_pages",
]
