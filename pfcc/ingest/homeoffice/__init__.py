"""The Home Office outcomes series: its editions read and proved (series, checks, digests), its
defects kept as flags, its tables and views written, and its figures reconciled with what was
published. A second statistical series would be a sibling of this folder."""
