"""axe-core (from npm, `make test` installs it) in a real page: the WCAG 2.0, 2.1 and 2.2 A and
AA rules, each violation as one line naming up to three elements."""

import pytest

from pfcc.paths import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it (npm ci)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""",
        TAGS,
    )
    return found
