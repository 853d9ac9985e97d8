"""Mutations of a file's form: cells of any class, headers, rows, encodings, line endings and
the files and folders themselves."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from harness.fuzz.model import (
    Applied,
    CsvFile,
    MutatorBase,
    Skip,
    dump,
    row_delta,
    row_lines,
    short,
)
from pfcc.ingest import schema


class FormKinds(MutatorBase):
    def k_nul_byte(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: old[: len(old) // 2] + "\x00" + old[len(old) // 2 :],
            pred=lambda d: True,
        )

    def k_empty(self, m, rng):
        return self._cell(m, rng, lambda old: "")

    def k_zero_width(self, m, rng):
        return self._cell(m, rng, lambda old: old[:1] + "\u200b" + old[1:])

    def k_cell_over_limit(self, m, rng):
        a = self._cell(m, rng, lambda old: old + " " + "lorem ipsum " * 90_000, pred=lambda d: True)
        a.line = a.column = None  # the reader stops inside the cell: no column, its own line
        return a

    def k_not_an_id(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(["not an id", "-leading-dash", "id,with,commas", "ünïcode"]),
        )

    def k_impossible_date(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(["2022-02-30", "2023-04-31", "2021-02-29"]),
            pred=lambda d: True,
        )

    def k_date_not_iso(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(["06/07/2022", "20220105", "2022-1-5", "6 July 2022"]),
            pred=lambda d: True,
        )

    def k_date_out_of_range(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(["2013-12-31", "1999-01-01", "2027-01-01", "2099-06-01"]),
            pred=lambda d: True,
        )

    def k_unicode_digits(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: "".join(chr(0xFF10 + int(ch)) if ch.isdigit() else ch for ch in old),
            pred=lambda d: re.search(r"[0-9]", d[m.column]),
        )

    def k_not_a_number(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(
                ["twelve", "n/a", "12%", "£5", "0x1A", "6,700", "1,124,397", "inf", "NaN"]
            ),
            pred=lambda d: True,
        )

    def k_infinite(self, m, rng):
        return self._cell(m, rng, lambda old: rng.choice(["1e999", "-1e400"]), pred=lambda d: True)

    def k_unknown_choice(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(
                ["Brilliant", old.upper() if old.upper() != old else old.lower(), old + "s"]
            ),
        )

    def k_pad(self, m, rng):
        return self._cell(m, rng, lambda old: "  " + old + " \t")

    def k_append_words(self, m, rng):
        return self._cell(m, rng, lambda old: old + " (edited)")

    def k_line_break(self, m, rng):
        def wrap(old):
            spaces = [k for k, ch in enumerate(old) if ch == " "]
            k = rng.choice(spaces)
            return old[:k] + "\n" + old[k + 1 :]

        return self._cell(m, rng, wrap, pred=lambda d: " " in d[m.column].strip())

    # -- the header --

    def _header(self, m, rng, edit) -> Applied:
        f = rng.choice(self.m.files[m.table])
        h, rows = list(f.header), [list(r) for r in f.rows]
        j = h.index(m.column)
        col = edit(h, rows, j)
        self.write_rows(f, rows, header=h)
        d = self.disp(f.rel)
        return Applied(f"{d} header: {short(f.header)} -> {short(h)}", d, 1, col)

    def k_header_delete(self, m, rng):
        def edit(h, rows, j):
            del h[j]
            for r in rows:
                del r[j]
            return m.column

        return self._header(m, rng, edit)

    def k_header_rename(self, m, rng):
        def edit(h, rows, j):
            h[j] = rng.choice(
                [
                    m.column + "_x",
                    m.column.replace("_", " ") if "_" in m.column else m.column + "s",
                    m.column[:-1],
                    m.column.upper(),
                ]
            )
            return None  # missing column m.column, unknown column h[j]: either names it

        return self._header(m, rng, edit)

    def k_header_duplicate(self, m, rng):
        def edit(h, rows, j):
            h.append(m.column)
            for r in rows:
                r.append(r[j])
            return m.column

        return self._header(m, rng, edit)

    def k_header_reorder(self, m, rng):
        def edit(h, rows, j):
            k = rng.choice([x for x in range(len(h)) if x != j])
            h[j], h[k] = h[k], h[j]
            for r in rows:
                r[j], r[k] = r[k], r[j]

        return self._header(m, rng, edit)

    def k_header_padding(self, m, rng):
        def edit(h, rows, j):
            h[j] = "  " + m.column + " "

        return self._header(m, rng, edit)

    # -- rows and whole files --

    def _file(self, rng, table, pred=None) -> CsvFile:
        files = [f for f in self.m.files[table] if pred is None or pred(f)]
        if not files:
            raise Skip(f"no {table} file fits")
        return rng.choice(files)

    def k_duplicate_row(self, m, rng):
        f = self._file(rng, m.table)
        i = rng.randrange(len(f.rows))
        rows = f.rows[: i + 1] + [list(f.rows[i])] + f.rows[i + 1 :]
        line = row_lines(self.write_rows(f, rows))[i + 1]
        d = self.disp(f.rel)
        return Applied(f"{d}: a row repeated at line {line}", d, line, schema.BY_NAME[m.table].key)

    def k_duplicate_row_new_key(self, m, rng):
        t = schema.BY_NAME[m.table]
        f = self._file(rng, m.table)
        i = rng.randrange(len(f.rows))
        dup = list(f.rows[i])
        if t.column(t.key).derived:  # finding_evidence: the same finding linked to another metric
            d = f.dicts()[i]
            linked = {x["metric"] for x in f.dicts() if x["finding_id"] == d["finding_id"]}
            dup[f.header.index("metric")] = sorted(set(self.m.metrics) - linked)[0]
        else:
            dup[f.header.index(t.key)] += "-copy"
        self.write_rows(f, f.rows[: i + 1] + [dup] + f.rows[i + 1 :])
        return Applied(
            f"{self.disp(f.rel)}: a row copied with key +'-copy'",
            delta=row_delta(m.table, [dict(zip(f.header, dup))], +1),
        )

    def k_delete_row(self, m, rng):
        f, i = self.pick(rng, m.table, lambda d: not self.m.named(m.table, d))
        row = f.dicts()[i]
        self.write_rows(f, f.rows[:i] + f.rows[i + 1 :])
        return Applied(
            f"{self.disp(f.rel)}: row {i + 1} deleted", delta=row_delta(m.table, [row], -1)
        )

    def k_delete_referenced_row(self, m, rng):
        f, i = self.pick(rng, m.table, lambda d: self.m.referenced(m.table, d))
        self.write_rows(f, f.rows[:i] + f.rows[i + 1 :])
        return Applied(f"{self.disp(f.rel)}: row {i + 1}, which other rows name, deleted")

    def _rewrite_row(self, m, rng, edit) -> Applied:
        f = self._file(rng, m.table)
        i = rng.randrange(len(f.rows))
        out = dump(f.header, [])
        for k, row in enumerate(f.rows):
            out += dump(f.header, [edit(list(row)) if k == i else row])[len(dump(f.header, [])) :]
        self.path(f.rel).write_text(out, encoding="utf-8", newline="")
        line = row_lines(dump(f.header, f.rows))[i]
        d = self.disp(f.rel)
        return Applied(f"{d} line {line}: {m.kind}", d, line)

    def k_short_row(self, m, rng):
        return self._rewrite_row(m, rng, lambda r: r[:-1])

    def k_extra_field(self, m, rng):
        return self._rewrite_row(m, rng, lambda r: r + ["extra"])

    def k_add_column(self, m, rng):
        f = self._file(rng, m.table)
        self.write_rows(f, [r + ["x"] for r in f.rows], header=f.header + ["notes"])
        d = self.disp(f.rel)
        return Applied(f"{d}: column 'notes' added", d, 1, "notes")

    def k_unclosed_quote(self, m, rng):
        f = self._file(rng, m.table)
        text = self.write_rows(f, f.rows)
        self.path(f.rel).write_text(
            text + '"an opened cell, never closed,\r\n', encoding="utf-8", newline=""
        )
        d = self.disp(f.rel)
        return Applied(f"{d}: a last line opens a quoted cell and never closes it", d)

    def k_truncate_in_quoted_cell(self, m, rng):
        f = self._file(rng, m.table, lambda f: ',"' in dump(f.header, f.rows))
        text = dump(f.header, f.rows)
        starts = [k.start() for k in re.finditer(',"', text)]
        cut = rng.choice(starts) + 2
        self.path(f.rel).write_text(text[:cut], encoding="utf-8", newline="")
        d = self.disp(f.rel)
        return Applied(f"{d}: cut just after a cell's opening quote (character {cut})", d)

    def k_truncate_at_row(self, m, rng):
        f = self._file(
            rng,
            m.table,
            lambda f: len(f.rows) >= 2 and not any(self.m.named(m.table, d) for d in f.dicts()),
        )
        k = rng.randrange(1, len(f.rows))
        self.write_rows(f, f.rows[:k])
        return Applied(
            f"{self.disp(f.rel)}: cut after {k} of {len(f.rows)} rows",
            delta=row_delta(m.table, f.dicts()[k:], -1),
        )

    def _encode(self, m, rng, encode, ascii_ok) -> Applied:
        f = self._file(
            rng, m.table, None if ascii_ok else lambda f: not dump(f.header, f.rows).isascii()
        )
        p = self.path(f.rel)
        p.write_bytes(encode(p.read_text(encoding="utf-8-sig")))
        d = self.disp(f.rel)
        return Applied(f"{d} re-encoded ({m.kind})", d)

    def k_cp1252(self, m, rng):
        return self._encode(m, rng, lambda t: t.encode("cp1252", errors="replace"), False)

    def k_utf_16(self, m, rng):
        return self._encode(m, rng, lambda t: t.encode("utf-16"), True)

    def _respell(self, m, rng, out) -> Applied:
        f = self._file(rng, m.table)
        p = self.path(f.rel)
        text = p.read_text(encoding="utf-8-sig")
        p.write_bytes(out(text, text.replace("\r\n", "\n")))
        return Applied(f"{self.disp(f.rel)}: {m.kind}")

    def k_bom(self, m, rng):
        return self._respell(m, rng, lambda t, lf: b"\xef\xbb\xbf" + t.encode())

    def k_double_bom(self, m, rng):
        return self._respell(m, rng, lambda t, lf: b"\xef\xbb\xbf" * 2 + t.encode())

    def k_lf_endings(self, m, rng):
        return self._respell(m, rng, lambda t, lf: lf.encode())

    def k_trailing_blank_lines(self, m, rng):
        return self._respell(m, rng, lambda t, lf: (t + "\r\n\r\n,,\r\n   \r\n").encode())

    def k_spreadsheet_save(self, m, rng):
        return self._respell(
            m,
            rng,
            lambda t, lf: (
                b"\xef\xbb\xbf" + (lf.rstrip("\n") + "\n\n\n").replace("\n", "\r\n").encode()
            ),
        )

    def k_delete_file(self, m, rng):
        t = schema.BY_NAME[m.table]
        if t.single_file:
            self.path(t.folder).unlink()
            return Applied(f"data/{t.folder} deleted", f"data/{t.folder}")

        def safe(f):  # another file remains, and nothing outside this one names its rows
            inside = f.dicts()
            if len(self.m.files[m.table]) < 2:
                return False
            if m.table == "recommendations":
                ids = {d["rec_id"] for d in inside}
                return not (ids & self.m.findings) and not any(
                    r["parent_id"] in ids for r in self.m.recs.values() if r["rec_id"] not in ids
                )
            return not any(self.m.named(m.table, d) for d in inside)

        f = self._file(rng, m.table, safe)
        self.path(f.rel).unlink()
        return Applied(f"{self.disp(f.rel)} deleted", delta=row_delta(m.table, f.dicts(), -1))

    def k_delete_folder(self, m, rng):
        t = schema.BY_NAME[m.table]
        if t.single_file:
            self.path(t.folder).unlink()
            return Applied(f"data/{t.folder} deleted", f"data/{t.folder}")
        shutil.rmtree(self.path(t.folder))
        return Applied(f"data/{t.folder}/ deleted", f"data/{t.folder}/")

    def k_rename_file(self, m, rng):
        t = schema.BY_NAME[m.table]
        f = self._file(rng, m.table)
        p = self.path(f.rel)
        new = p.with_name("renamed-" + p.name)
        p.rename(new)
        note = f"{self.disp(f.rel)} renamed to {new.name}"
        if t.single_file:
            return Applied(note, f"data/{t.folder}")
        if t.one_file_per_source:
            nd = self.disp(new.relative_to(self.work).as_posix())
            return Applied(note, nd, row_lines(dump(f.header, f.rows))[0], "source_id")
        return Applied(note)

    def _extra(self, m) -> tuple[Path, str]:
        t = schema.BY_NAME[m.table]
        if t.single_file:
            raise Skip(f"{t.name} is one file")
        return self.path(f"{t.folder}/zz-extra.csv"), f"data/{t.folder}/zz-extra.csv"

    def k_add_empty_file(self, m, rng):
        p, d = self._extra(m)
        p.write_bytes(rng.choice([b"", b"\r\n\r\n  \r\n"]))
        return Applied(f"{d}: empty or blank lines only", d, 1)

    def k_add_header_only_file(self, m, rng):
        p, d = self._extra(m)
        p.write_text(dump(self.m.files[m.table][0].header, []), encoding="utf-8", newline="")
        return Applied(f"{d}: a header and no rows")

    def k_add_directory_csv(self, m, rng):
        p, d = self._extra(m)
        p.mkdir()
        return Applied(f"{d} is a folder", d)

    def k_add_symlink_csv(self, m, rng):
        p, d = self._extra(m)
        if rng.random() < 0.5:
            p.symlink_to(p.parent / "no-such-target.csv")
            return Applied(f"{d} is a link to nothing", d)
        target = self.work.parent.parent / "outside.csv"
        target.write_text(dump(self.m.files[m.table][0].header, []), encoding="utf-8", newline="")
        p.symlink_to(target)
        return Applied(f"{d} is a link to a CSV outside data/", d)
