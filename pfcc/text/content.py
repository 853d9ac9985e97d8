"""Words that two editions print: the live app's pages and the static site. Markdown, so the
live page shows it with `st.markdown` and the static site converts it once at build time."""

import pandas as pd

from pfcc.render import theme
from pfcc.text.formatting import fmt_date

ACCESSIBILITY_TITLE = "Accessibility statement for the Staffordshire Police performance dashboard"

# In the model format the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
# Accessibility Regulations 2018 ask for.
ACCESSIBILITY_STATEMENT = """
This statement applies to the Staffordshire Police performance dashboard, published by the
Staffordshire Commissioner for Police, Fire & Rescue and Crime. We want as many people as possible
to be able to use it. That means you should be able to:

- change colours, contrast levels and fonts using your browser or device settings;
- zoom in up to 400% without the text spilling off the screen;
- navigate the whole dashboard using just a keyboard;
- navigate most of it using speech recognition software;
- listen to it using a screen reader (including recent versions of JAWS, NVDA and VoiceOver).

Every chart has a written summary generated from its data, a *Table* view with the same figures
in an HTML table, and a list of its sources. Colour is never the only way information is shown:
grades are written in every cell, and the kind of source is shown by the shape of each point and
in words. Nothing on the charts needs dragging: there is no drag-to-zoom, and every chart has a
full-screen view and a table instead.

## How accessible this dashboard is

We know some parts are not fully accessible:

- the charts themselves are pictures to a screen reader: their summaries, tables and source
  lists carry the same information in text;
- details that appear when you hover over a chart point are also in the chart's table, and the
  passage behind any figure can be chosen from a list under the chart rather than by clicking;
- the PDF meeting pack is printed from the HTML pack by a browser; the HTML pack is the more
  accessible of the two;
- the source documents we quote are other organisations' publications and may not meet the
  standard themselves.

## Feedback and contact information

If you need information on this dashboard in a different format, such as accessible PDF, large
print, easy read, audio recording or braille, contact the Staffordshire Commissioner's Office
through the contact details on its website, staffordshire-pfcc.gov.uk. We'll consider your
request and get back to you.

## Reporting accessibility problems with this dashboard

We're always looking to improve the accessibility of this dashboard. If you find any problems
not listed on this page or think we're not meeting accessibility requirements, contact the
Staffordshire Commissioner's Office as above, saying which page and what went wrong.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
'accessibility regulations'). If you're not happy with how we respond to your complaint, contact
the Equality Advisory and Support Service (EASS).

## Technical information about this dashboard's accessibility

The Staffordshire Commissioner's Office is committed to making its website accessible, in
accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
Accessibility Regulations 2018.

### Compliance status

This dashboard is partially compliant with the Web Content Accessibility Guidelines version 2.2
AA standard, due to the non-compliances listed below.

### Non-accessible content

**Non-compliance with the accessibility regulations.** Interactive chart graphics are not
described point by point to assistive technology (WCAG 1.1.1 Non-text content); each chart's
text summary and table give the same information.

**Disproportionate burden.** We are not claiming disproportionate burden for any content.

**Content that's not within the scope of the accessibility regulations.** Third-party documents
linked as sources, which we do not publish.

## What we're doing to improve accessibility

Every change to the dashboard is checked automatically: axe-core runs in a real browser on every
page, in normal and in presentation mode, against WCAG 2.0, 2.1 and 2.2 levels A and AA, and the
tests operate a filter and a chart's table with the keyboard alone. Presentation mode is measured
for text of 24 pixels and more and a contrast of at least 7:1.

## Preparation of this statement

This statement was prepared on 22 November 2026. It was last reviewed on 22 November 2026.

This dashboard was last tested on 22 November 2026 against the WCAG 2.2 AA standard. The test
was carried out by the dashboard's developers with automated checks (axe-core) on every page and
slide, and by operating every page with the keyboard.
"""


def methods(info: dict) -> str:
    """How the data is built and checked, with the build's own figures (`sources.data_info()`)."""
    tiers = ", ".join(f"{theme.TIER_SHORT[t].lower()}: {n}" for t, n in info["tiers"].items())
    newest = info["newest_source"]
    newest_text = fmt_date(newest) if newest is not None and not pd.isna(newest) else "not dated"
    return f"""
**Data files last changed** {fmt_date(info["data_changed_at"])} (data version
`{info["data_version"]}`, built {fmt_date(info["built_at"])} from {info["files"]} files): when the
dashboard's files were edited and built, not how current its figures are, which each chart and
the table *How current each family of figures is* below give; newest dated source {newest_text}.
{info["facts"]} facts rest on {info["sources"]} sources ({tiers}).

**How every figure is checked.** Each fact is a row in an editable CSV file with its source and a
verbatim quote. The build refuses a row whose quote is not found, word for word, in the kept text
of its document (runs of white space aside), and a figure whose digits are not in its quote.
Every source's text is kept, web pages' included: the passage as read, with its address, the day
it was read and a checksum that the build proves. Nothing is
rounded, estimated or filled in: where the sources are silent the chart says so, and where they
disagree both figures are shown with their sources.

**Tiers** say how much weight a figure carries: *Inspection* (HMIC and HMICFRS reports and
letters), *Official statistics* (Home Office and ONS), *Force or Commissioner statement* (figures
the force or the Commissioner's office gave, including those reported from public meetings), and
*Secondary source* (third-party studies and summaries).

**Definitions and caveats.** Inspection grades moved from four tiers to five (adding
*Adequate*) in 2021/22: grades across the change are not directly comparable. The Home Office
charge/summons rate, HMIC's outcomes per 100 offences and the force's own "outcome rate" are three
different measures and are never joined. 999 and 101 figures cover different periods (a week, a
month, a year) and come mostly from force statements; there is no national 101 dataset.

**Revisions and updates.** Corrections are made in the CSV files and the database is rebuilt;
the data version changes with any change to the data. There is no fixed release schedule: new
figures are added when the inspectorate, the Home Office or the Commissioner publish them.
"""


# What a meeting pack is, on the live Sources page and the static edition's list of packs
PACK_INTRO = (
    "<p>The presentation's charts with their messages, summaries, tables and sources, as the "
    "data stood on the meeting's date: one self-contained HTML file, interactive and working "
    "offline, and a PDF.</p>"
)
SOURCES_CAPTION = "Sources of the dashboard's figures, by tier"
SOURCES_COLUMNS = {
    "title": "Source",
    "publisher": "Publisher",
    "published_label": "Date",
    "tier_text": "Tier",
    "facts": "Facts",
    "address": "Address or kept text",
}


# the tables that are not measures, as the Sources page names them beside the measures' families
# (whose names are data/families.csv's, `family_name` in queries/newest_by_family.sql)
TABLE_NAMES = {
    "home_office_outcomes": "Home Office outcomes series",
    "home_office_recorded_crime": "Home Office recorded crime",
    "grades": "Inspection grades",
    "events": "Events",
    "recommendations": "Recommendations",
}


def newest_section(newest) -> tuple:
    """How current each family of figures is: its newest figure held and when that was
    published (`sources.newest_by_family`)."""
    names = [
        n if isinstance(n, str) else TABLE_NAMES.get(f, f)
        for f, n in zip(newest["family"], newest["family_name"])
    ]
    newest = newest.assign(family_text=names)
    return (
        "How current each family of figures is",
        "newest",
        "For each family of figures, the period of the newest figure held and when its source "
        "published it (the month, where the source gives only the month). This, not the day "
        "the dashboard was built, is how current its figures are.",
        newest,
        {
            "family_text": "Family",
            "period_text": "Newest figure",
            "published_text": "Published",
            "source_title": "Source",
        },
    )


def source_tables(uncharted, undated, reconciled, flags, licence: str, newest=None) -> list:
    """The Sources page's tables after the source list: (heading, anchor, intro, frame,
    columns) each; first, where given, how current each family of figures is."""
    return ([newest_section(newest)] if newest is not None else []) + [
        (
            "Figures kept but not charted",
            "uncharted",
            f"{len(uncharted)} figures in the database appear on no chart. Each is checked "
            "against its source like every other figure; the reason it is not charted is given "
            "beside it.",
            uncharted,
            {
                "metric": "Figure",
                "definition": "What it measures",
                "value_text": "Value",
                "period_text": "Period",
                "not_charted_reason": "Why it is not charted",
                "source_title": "Source",
                "tier_text": "Tier",
            },
        ),
        (
            "Sources with no known publication date",
            "undated",
            f"{len(undated)} sources give no date of publication that we could confirm. Their "
            "figures appear on the live pages, but in no view *as presented* at a past meeting, "
            "because we cannot show that they were public by then. A source whose label names "
            "only a month is taken as public from that month's last day.",
            undated,
            {
                "title": "Source",
                "publisher": "Publisher",
                "published_label": "Date as the source gives it",
                "rows_held_back": "Rows held back",
            },
        ),
        (
            "The Home Office series against earlier publications",
            "reconciliation",
            "The build recomputes each figure published before from the Home Office's latest "
            "tables. Outcomes keep being added to offences after a year ends, so later years "
            "read higher now than in their bulletin; each difference is explained.",
            reconciled,
            {
                "target": "Figure",
                "stated_as_written": "Published",
                "computed_as_stated": "Computed now",
                "result": "Result",
                "explanation": "Why",
                "source_title": "Published in",
            },
        ),
        (
            "Figures the checks flagged",
            "flags",
            f"{len(flags)} force-years are flagged: each is left out of ranks and comparisons, "
            "and shown here rather than hidden. " + licence,
            flags,
            {
                "force": "Force",
                "financial_year": "Year",
                "basis_text": "Basis",
                "kind": "Flag",
                "detail": "What the check found",
                "where": "Where",
            },
        ),
    ]
