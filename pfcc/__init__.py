"""Shared code of the Staffordshire policing performance dashboard: paths, the data build,
database access, the chart theme and chart builders."""
