"""A sha256 of every rendered output, to prove a refactor of the HTML changed nothing it did not
mean to: the static edition (built into a temp folder, no preview images, its build time fixed),
every meeting pack `make pack` writes plus packs at two past dates, and each chart's HTML pieces
(panel, notes, head, sources, table, slide source line) for every chart of the registry's pages
and slides, today and as presented on two past dates.

    python -m scripts.render_hashes OUT.json [--compare BASELINE.json]

With --compare, prints which outputs differ from the baseline (and which are new or gone). Known
noise, not the renderers': site/data/tables/outcome_mix.csv (DuckDB's row order) and, where
another build ran between, the database copy and build_info.csv. Run it in a worktree of its own
(`git worktree add`, then `python -m pfcc.ingest.build` there) when others rebuild the shared
database."""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

DATES = (None, date(2023, 1, 26), date(2024, 6, 1))
PACKS = ((date(2023, 1, 26), None), (date(2024, 5, 21), date(2024, 1, 1)), (date(2024, 6, 1), None))


def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


class _FixedNow(datetime):
    """The site's build time, fixed at noon today so two builds of one day compare equal."""

    @classmethod
    def now(cls, tz=None):
        return cls.combine(date.today(), datetime.min.time()).replace(hour=12)


def _files(folder: Path, prefix: str) -> dict[str, str]:
    """Every file but Parquet (DuckDB does not write it byte for byte the same twice), whose
    sizes the downloads page states are left out of its hash too."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.suffix == ".parquet":
            continue
        data = p.read_bytes()
        if p.suffix == ".html":
            data = re.sub(rb"\(\d[\d,]* kB\)", b"(kB)", data)
        out[f"{prefix}/{p.relative_to(folder)}"] = _sha(data)
    return out


def site_hashes(tmp: Path) -> dict[str, str]:
    from pfcc.render.site import build

    build.datetime = _FixedNow  # only the module's own name: nothing else sees it
    site = build.build(tmp / "site", images=False, packs_from=tmp / "nopacks")
    return _files(site.folder, "site")


def pack_hashes(tmp: Path) -> dict[str, str]:
    from pfcc.render import pack

    out = tmp / "pack"
    pack.write_all(out, pdf=False)
    for meeting, since in PACKS:
        pack.write(meeting, out, pdf=False, since=since)
    return _files(out, "pack")


def _pieces(spec) -> dict[str, str]:
    from pfcc.render.site import shell

    return {
        "notes_html": spec.notes_html(),
        "head_html": spec.head_html(True),
        "head_html_bare": spec.head_html(False),
        "under_chart_html": spec.under_chart_html(),
        "slide_source_html": spec.slide_source_html(),
        "sources_html": spec.sources_html(),
        "table_html": spec.table_html(),
        "site_panel": shell.chart_panel(spec, "../"),
        "site_panel_bare": shell.chart_panel(spec, "", heading=False),
    }


def panel_hashes() -> dict[str, str]:
    from pfcc import registry

    out = {}
    for when in DATES:
        tag = when.isoformat() if when else "today"
        for page in registry.PAGES:
            for chart in page.charts:
                spec = chart.build(when, **page.defaults)
                for name, text in _pieces(spec).items():
                    out[f"chart/{tag}/{page.slug}/{chart.key}/{name}"] = _sha(text)
        for slide in registry.slides():
            if slide.chart is None:
                continue
            for name, text in _pieces(slide.build(when)).items():
                out[f"slide/{tag}/{slide.number}-{slide.key}/{name}"] = _sha(text)
    return out


def compare(now: dict[str, str], before: dict[str, str]) -> str:
    same = [k for k in now if before.get(k) == now[k]]
    changed = [k for k in now if k in before and before[k] != now[k]]
    new = [k for k in now if k not in before]
    gone = [k for k in before if k not in now]
    lines = [f"{len(same)} identical, {len(changed)} differ, {len(new)} new, {len(gone)} gone"]
    lines += [f"  differs: {k}" for k in changed]
    lines += [f"  new:     {k}" for k in new]
    lines += [f"  gone:    {k}" for k in gone]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--compare", type=Path, help="a baseline written by this script")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        hashes = {**panel_hashes(), **pack_hashes(tmp), **site_hashes(tmp)}
    args.out.write_text(json.dumps(hashes, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(hashes)} outputs hashed into {args.out}")
    if args.compare:
        print(compare(hashes, json.loads(args.compare.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
