"""What a table of the database is: its columns and their rules (`Column`), its key, folder and
checks (`Table`). `pfcc.ingest.schema` declares the tables with these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LIST_SEPARATOR = ";"  # metrics.units: the allowed units, the first the one a chart draws in


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # "id", "text", "date", "double"
    required: bool = False
    choices: tuple[str, ...] | None = None
    references: str | None = None  # "table.column"
    doc: str = ""
    derived: bool = False  # computed by the build, not read from the CSV
    is_list: bool = False  # `;`-separated values, each one of `choices`, none twice
    optional: bool = False  # a CSV file's header may leave the column out (read as empty)

    @property
    def sql_type(self) -> str:
        return {"id": "VARCHAR", "text": "VARCHAR", "date": "DATE", "double": "DOUBLE"}[self.type]


@dataclass(frozen=True)
class Table:
    name: str
    key: str
    columns: tuple[Column, ...]
    folder: str  # data/<folder>/*.csv, or the one file data/<folder> when it ends in .csv
    one_file_per_source: bool = True
    checks: tuple[str, ...] = field(default=())  # extra SQL CHECK clauses

    @property
    def single_file(self) -> bool:
        return self.folder.endswith(".csv")

    def files(self, data_dir: Path) -> list[Path]:
        """The table's CSV files under data_dir, in the order they are read."""
        if self.single_file:
            path = data_dir / self.folder
            return [path] if path.exists() or path.is_symlink() else []
        return sorted((data_dir / self.folder).glob("*.csv"))

    @property
    def column_names(self) -> tuple[str, ...]:
        """The columns a CSV file of this table has."""
        return tuple(c.name for c in self.columns if not c.derived)

    @property
    def all_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)
