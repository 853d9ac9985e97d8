"""Writes pfcc/charts/font_widths.json: the advance width of each character the charts write, in
Arial's metrics, as read from Liberation Sans (metric-compatible with Arial, SIL Open Font
Licence; Debian's fonts-liberation, which chromium brings). The charts place their texts with
these widths (pfcc/charts/metrics.py) rather than an average character's; the file keeps each
font file's name and sha256, so a re-run on another machine shows whether it read the same font.

  python -m scripts.font_widths [--fonts /usr/share/fonts/truetype/liberation]"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from PIL import ImageFont

from pfcc.paths import ROOT

OUT = ROOT / "pfcc" / "charts" / "font_widths.json"
FACES = {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf"}
EXTRA = "–—‘’“”·•…£€°±≥≤×÷▲▼●○◆■□éèàáíóúçñöüÉ"  # beyond printable ASCII, as the data writes
UNITS = 1000  # the widths are in thousandths of the font size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fonts", type=Path, default=Path("/usr/share/fonts/truetype/liberation"))
    args = parser.parse_args(argv)
    chars = "".join(chr(c) for c in range(32, 127)) + EXTRA
    out = {"origin": {}, "units_per_size": UNITS}
    for face, name in FACES.items():
        path = args.fonts / name
        font = ImageFont.truetype(str(path), UNITS)
        out["origin"][face] = {
            "file": name,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
        out[face] = {c: round(font.getlength(c)) for c in chars}
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(chars)} characters, 2 faces")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
