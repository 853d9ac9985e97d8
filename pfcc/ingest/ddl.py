"""The SQL of the tables `pfcc.ingest.schema` declares: CREATE TABLE with types, keys, references
and
CHECKs written from the one specification, and the build's internal tables."""

from __future__ import annotations

from pfcc.ingest.schema import EARLIEST, LATEST, LIST_SEPARATOR, Table


def _sql_in(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def create_table(table: Table) -> str:
    """CREATE TABLE with types, keys, references and CHECKs: the database's own guard."""
    lines = []
    for c in table.columns:
        parts = [c.name, c.sql_type]
        if c.name == table.key:
            parts.append("PRIMARY KEY")
        elif c.required:
            parts.append("NOT NULL")
        if c.choices and c.is_list:
            parts.append(
                f"CHECK (list_has_all([{_sql_in(c.choices)}],"
                f" string_split({c.name}, '{LIST_SEPARATOR}')))"
            )
        elif c.choices:
            parts.append(f"CHECK ({c.name} IN ({_sql_in(c.choices)}))")
        if c.type == "date":
            parts.append(f"CHECK ({c.name} BETWEEN DATE '{EARLIEST}' AND DATE '{LATEST}')")
        if c.references:
            ref_table, ref_col = c.references.split(".")
            parts.append(f"REFERENCES {ref_table}({ref_col})")
        lines.append("  " + " ".join(parts))
    lines += [f"  CHECK ({chk})" for chk in table.checks]
    return f"CREATE TABLE {table.name} (\n" + ",\n".join(lines) + "\n)"


INTERNAL_DDL = (
    """CREATE TABLE documents (
  path VARCHAR PRIMARY KEY,
  sha256 VARCHAR NOT NULL,
  text VARCHAR NOT NULL
)""",
    """CREATE TABLE source_versions (
  source_id VARCHAR PRIMARY KEY REFERENCES sources(source_id),
  content_hash VARCHAR NOT NULL,
  public_on DATE
)""",
    """CREATE TABLE build_info (
  data_version VARCHAR NOT NULL,
  built_at TIMESTAMP NOT NULL,
  files INTEGER NOT NULL,
  data_changed_at TIMESTAMP NOT NULL
)""",
)
