"""The static edition's datapackage.json describes exactly the CSV files it offers: every
resource's file exists, its fields are the file's header in order, each with a Frictionless
type, and every value in the file fits its field (type, required, allowed values, date range).
Checked by hand, not with the `frictionless` package, which the pinned requirements lack."""

from __future__ import annotations

import csv
import json
import math
from datetime import date, datetime

import pytest

from pfcc.ingest import schema
from pfcc.render import datapackage
from pfcc.render.site import build as site_build

TYPES = {"string", "number", "integer", "boolean", "date", "datetime"}
TRUE, FALSE = {"true", "True", "TRUE", "1"}, {"false", "False", "FALSE", "0"}


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory):
    return site_build.build(tmp_path_factory.mktemp("site") / "site", images=False)


@pytest.fixture(scope="module")
def package(site):
    return json.loads((site.folder / "data" / "datapackage.json").read_text(encoding="utf-8"))


def fits(value: str, f: dict) -> bool:
    kind = f["type"]
    try:
        if kind == "integer":
            int(value)
        elif kind == "number":
            return math.isfinite(float(value))
        elif kind == "boolean":
            return value in TRUE | FALSE
        elif kind == "date":
            return bool(date.fromisoformat(value)) and len(value) == 10
        elif kind == "datetime":
            datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def rows(path):
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        return next(reader), list(reader)


def test_the_downloads_page_links_the_package(site, package):
    page = (site.folder / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="datapackage.json"' in page
    for key in ("name", "title", "resources"):
        assert package[key]
    tables = sorted(p.stem for p in (site.folder / "data" / "tables").glob("*.csv"))
    assert sorted(r["title"] for r in package["resources"]) == tables


def test_every_resource_is_its_csv_file(site, package):
    for r in package["resources"]:
        assert (r["format"], r["mediatype"], r["encoding"]) == ("csv", "text/csv", "utf-8")
        path = site.folder / "data" / r["path"]
        assert path.is_file(), r["path"]
        header, _ = rows(path)
        fields = r["schema"]["fields"]
        assert [f["name"] for f in fields] == header, r["name"]
        assert all(f["type"] in TYPES and f["description"] for f in fields), r["name"]
        assert set(r["schema"].get("primaryKey", [])) <= set(header), r["name"]


def test_every_value_fits_its_field(site, package):
    bad = []
    for r in package["resources"]:
        fields = r["schema"]["fields"]
        _, body = rows(site.folder / "data" / r["path"])
        for n, row in enumerate(body, start=2):
            assert len(row) == len(fields), (r["path"], n)
            for value, f in zip(row, fields):
                c = f["constraints"]
                if value == "":
                    if c["required"]:
                        bad.append((r["path"], n, f["name"], "required"))
                    continue
                if not fits(value, f):
                    bad.append((r["path"], n, f["name"], value[:40]))
                elif "enum" in c and value not in c["enum"]:
                    bad.append((r["path"], n, f["name"], value[:40]))
                elif "minimum" in c and not c["minimum"] <= value <= c["maximum"]:
                    bad.append((r["path"], n, f["name"], value))
        key = r["schema"].get("primaryKey")
        if key:
            at = [[f["name"] for f in fields].index(k) for k in key]
            keys = [tuple(row[i] for i in at) for row in body]
            assert len(keys) == len(set(keys)), r["path"]
    assert not bad, bad[:20]


def test_declared_columns_come_from_the_schema(package):
    """Types, rules and words from pfcc/ingest/schema.py, not typed again: a column's doc, its
    allowed values and whether it is required are the schema's."""
    by_name = {r["title"]: r for r in package["resources"]}
    for table in schema.TABLES:
        r = by_name[table.name]
        assert r["schema"]["primaryKey"] == [table.key]
        for f in r["schema"]["fields"]:
            column = table.column(f["name"])
            assert f["type"] == datapackage.SCHEMA_TYPES[column.type]
            assert f["constraints"]["required"] == (column.required and not column.derived)
            if column.doc:
                assert f["description"] == column.doc
            if column.choices and not column.is_list:
                assert f["constraints"]["enum"] == list(column.choices)
    ogl = [r for r in package["resources"] if "licenses" in r]
    assert {r["title"] for r in ogl} == datapackage.HOME_OFFICE
    assert all(datapackage.OGL in r["description"] for r in ogl)


def test_the_dictionary_prints_every_table(built_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(built_db.read_bytes())
    text = datapackage.markdown(copy)
    for table in schema.TABLES:
        assert f"## `{table.name}`" in text
        for c in table.columns:
            assert f"| `{c.name}`" in text
