"""The meeting packs in the static edition: what `make pack` printed ahead of time, for this
data version, copied in and listed on one page. The live app links here: no pack is printed on
the public server."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from pfcc import registry
from pfcc.render import markup, pack
from pfcc.render.site.shell import Assets, Stamp, document
from pfcc.render.templates import fragment, safe
from pfcc.text import content
from pfcc.text.formatting import fmt_date

FOLDER = "packs"


def printed(source: Path, version: str) -> list[tuple[date, list[Path]]]:
    """(meeting, files) that `make pack` wrote to `source` from this data version; none from
    another version, whose figures may differ."""
    try:
        manifest = json.loads((source / pack.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if manifest.get("data_version") != version:
        return []
    found = []
    for entry in manifest.get("packs", []):
        files = [source / name for name in entry.get("files", []) if "/" not in name]
        files = [f for f in files if f.is_file()]
        if files:
            found.append((date.fromisoformat(entry["meeting"]), files))
    return found


def write(folder: Path, version: str, assets_: Assets, stamp: Stamp, source: Path) -> Path:
    """Copy this version's packs into `folder`/packs/ and write the page that lists them."""
    out = folder / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    meetings = []
    for meeting, files in sorted(printed(source, version), reverse=True):
        for f in files:
            shutil.copyfile(f, out / f.name)
        listed = [
            {
                "name": f.name,
                "kind": f.suffix.lstrip(".").upper(),
                "size": f"{f.stat().st_size / 1e6:.1f} MB",
            }
            for f in files
        ]
        meetings.append({"date": fmt_date(meeting), "files": listed})
    none_yet = markup.empty_note(
        "No pack has been printed from this version of the data yet: `make pack` "
        "prints them before the edition is published."
    )
    body = fragment("site.html", "packs", safe(content.PACK_INTRO), meetings, safe(none_yet))
    doc = document(
        title=f"Meeting packs · {registry.SITE_TITLE}",
        h1="Meeting packs",
        body=body,
        root="../",
        assets=assets_,
        stamp=stamp,
        description="The meeting packs, as HTML and PDF, for each meeting date.",
    )
    page = out / "index.html"
    page.write_text(doc, encoding="utf-8")
    return page
