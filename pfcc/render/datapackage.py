"""The data dictionary and `datapackage.json` of the static edition's open-data downloads,
generated, never typed: a Frictionless Data Package (v1) with a Table Schema per CSV file.

    python -m pfcc.render.datapackage --markdown     # the data dictionary, from the built database

Where a column is declared in `pfcc/ingest/schema.py` its type, description, whether it is required
and
its allowed values come from that declaration; every other table and view (the Home Office
series, the build's own tables) is described from the database's catalogue, which the build's
DDL made: type, NOT NULL, primary key. A field's list is the header of the CSV file the site
wrote, in its order, so the package can only describe what is downloaded."""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from pfcc.ingest import schema
from pfcc.ingest.homeoffice import tables
from pfcc.store import db
from pfcc.stories.official import OGL

NAME = "staffordshire-police-performance"
TITLE = "Staffordshire Police performance dashboard: every table and view of its database"
NO_DESCRIPTION = "no description in pfcc/ingest/schema.py"
OGL_LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}  # as data/home-office-outcomes/editions/*/DATA-LICENCE.md states it
# Tables and views made from the Home Office series (pfcc/ingest/homeoffice/tables.py's DDL): Crown
# copyright, reused under the Open Government Licence, whose statement travels with them.
HOME_OFFICE = frozenset(
    re.findall(r"CREATE (?:TABLE|VIEW) (\w+)", "\n".join(tables.TABLES_DDL + tables.VIEWS_DDL))
)
# The README's words for the few schema columns whose `doc` is empty. They belong in
# pfcc/ingest/schema.py's Column(doc=...); move them there and delete this mapping.
SUPPLEMENT = {
    ("measures", "ci_half_width"): "± of a confidence interval",
    ("measures", "comparability"): "what a reader must know before comparing",
    ("grades", "area"): "as that inspection names it",
    ("grades", "theme"): "harmonised, so areas can be followed across inspections",
    ("grades", "scale"): "4-tier before 2021/22, 5-tier from 2021/22",
    ("milestones", "date_precision"): "a month or a year is stored as its first day",
    ("recommendations", "closed_quote"): "the passage that records the closure",
}
SCHEMA_TYPES = {"id": "string", "text": "string", "date": "date", "double": "number"}
SQL_TYPES = {
    "VARCHAR": "string",
    "DATE": "date",
    "DOUBLE": "number",
    "BIGINT": "integer",
    "INTEGER": "integer",
    "BOOLEAN": "boolean",
    "TIMESTAMP": "datetime",
}


def catalogue(database: Path) -> dict[str, dict]:
    """Per table and view of `database` (a copy of the built file): its kind, its columns in
    order with their SQL type and nullability, and its primary key."""
    tables = db.run_query("catalogue_tables", database)
    out = {n: {"kind": k, "columns": {}, "key": []} for n, k in tables.itertuples(index=False)}
    for n, c, t, nullable in db.run_query("catalogue_columns", database).itertuples(index=False):
        out[n]["columns"][c] = (t, nullable == "NO")
    for n, cols in db.run_query("catalogue_keys", database).itertuples(index=False):
        out[n]["key"] = list(cols)
    return out


def field(table: str, name: str, entry: dict | None) -> dict:
    """One Table Schema field: from schema.py where it declares the column, else from the
    catalogue, else a string with no description."""
    declared = schema.BY_NAME.get(table)
    column = next((c for c in declared.columns if c.name == name), None) if declared else None
    if column is not None:
        out = {
            "name": name,
            "type": SCHEMA_TYPES[column.type],
            "description": column.doc or SUPPLEMENT.get((table, name), NO_DESCRIPTION),
        }
        constraints: dict = {"required": column.required and not column.derived}
        if column.choices and not column.is_list:
            constraints["enum"] = list(column.choices)
        if column.type == "date":
            constraints |= {"minimum": str(schema.EARLIEST), "maximum": str(schema.LATEST)}
        return out | {"constraints": constraints}
    sql_type, not_null = (entry or {}).get("columns", {}).get(name, ("VARCHAR", False))
    out = {"name": name, "type": SQL_TYPES.get(sql_type, "string"), "description": NO_DESCRIPTION}
    if out["type"] == "datetime":
        out["format"] = "any"  # DuckDB writes '2026-12-06 19:40:44.48', not ISO 8601's 'T'
    return out | {"constraints": {"required": not_null}}


def resource(table: str, header: list[str], entry: dict | None, path: str) -> dict:
    declared = schema.BY_NAME.get(table)
    kind = "view" if entry and entry["kind"] == "VIEW" else "table"
    if declared:
        about = f"The {table} table, read from data/{declared.folder} and checked by the build."
        key = [declared.key]
    else:
        about = f"The {table} {kind} of the database."
        key = (entry or {}).get("key", [])
    out = {
        "name": table.replace("_", "-"),
        "title": table,
        "description": about,
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    if table in HOME_OFFICE:
        out["description"] += " Crown copyright. " + OGL
        out["licenses"] = [OGL_LICENCE]
    fields = [field(table, n, entry) for n in header]
    table_schema: dict = {"fields": fields}
    if key and all(k in header for k in key):
        table_schema["primaryKey"] = list(key)
    return out | {"schema": table_schema}


def header_of(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def package(database: Path, folder: Path, names: list[str]) -> dict:
    """The Data Package of the CSV files `folder`/tables/<name>.csv, as the site wrote them."""
    cat = catalogue(database)
    resources = [
        resource(n, header_of(folder / "tables" / f"{n}.csv"), cat.get(n), f"tables/{n}.csv")
        for n in names
    ]
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": "Every table and view of the dashboard's database as CSV. Fields "
        "declared in pfcc/ingest/schema.py carry its descriptions and rules; the rest carry the "
        "database's types only. Tables made from the Home Office series carry the Open "
        "Government Licence; the repository states no licence for the other tables.",
        "resources": resources,
    }


def write(database: Path, folder: Path, names: list[str]) -> Path:
    target = folder / "datapackage.json"
    target.write_text(json.dumps(package(database, folder, names), indent=1), encoding="utf-8")
    return target


def markdown(database: Path) -> str:
    """The data dictionary: every table and view, every column, from the same sources."""
    lines = [
        "# Data dictionary",
        "",
        "Generated by `python -m pfcc.render.datapackage --markdown`.",
    ]
    for name, entry in catalogue(database).items():
        r = resource(name, list(entry["columns"]), entry, "")
        lines += ["", f"## `{name}`", "", r["description"], ""]
        lines += ["| column | type | required | description |", "|---|---|---|---|"]
        for f in r["schema"]["fields"]:
            c = f["constraints"]
            allowed = f"; one of: {', '.join(c['enum'])}" if "enum" in c else ""
            key = " (primary key)" if f["name"] in r["schema"].get("primaryKey", []) else ""
            lines.append(
                f"| `{f['name']}`{key} | {f['type']} | {'yes' if c['required'] else ''} "
                f"| {f['description']}{allowed} |".replace("\n", " ")
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="The data dictionary, from the built database.")
    ap.add_argument("--markdown", action="store_true", help="print it as Markdown")
    ap.add_argument("--db", type=Path, default=db.DB_PATH)
    args = ap.parse_args(argv)
    if not args.markdown:
        ap.print_help()
        return 2
    with tempfile.TemporaryDirectory() as tmp:  # a copy: the app's file is opened one way
        copy = Path(tmp) / "copy.duckdb"
        shutil.copyfile(args.db, copy)
        print(markdown(copy), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
