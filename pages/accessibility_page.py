"""Accessibility statement, in the model format the Public Sector Bodies (Websites and Mobile
Applications) (No. 2) Accessibility Regulations 2018 ask for."""

import streamlit as st

from pfcc import ui

ui.page_title("Accessibility statement for the Staffordshire Police performance dashboard")
st.markdown("""
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
tests operate the filters and tabs with the keyboard alone. Presentation mode is measured for
text of 24 pixels and more and a contrast of at least 7:1.

## Preparation of this statement

This statement was prepared on 22 November 2026. It was last reviewed on 22 November 2026.

This dashboard was last tested on 22 November 2026 against the WCAG 2.2 AA standard. The test
was carried out by the dashboard's developers with automated checks (axe-core) on every page and
slide, and by operating every page with the keyboard.
""")
