"""What a search engine's crawler reads first: `robots.txt` (every page may be crawled) and
`sitemap.xml` (every page the build wrote: the registry's pages, its slides at /slides/N/, the
data and packs pages), both at the site's root.

Decided from the Sitemaps protocol (sitemaps.org/protocol.html): a `<loc>` is the page's URL
and "must begin with the protocol", and robots.txt's `Sitemap:` line names the sitemap by its
complete URL (the same page, "Informing search engine crawlers"). A root-relative path is valid
in neither file. So:

- built with the site's public address (`--address https://…/`): `sitemap.xml` lists every page
  by its absolute URL under that address, and `robots.txt` names it;
- built without one (the site works from any address): `robots.txt` still allows everything,
  with no `Sitemap:` line, and no `sitemap.xml` is written, since nothing valid could be.

The pages come from what the build wrote (`Site.pages`, filled from `registry.PAGES` and
`registry.slides()`), never from a list kept here."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def absolute(address: str, url: str) -> str:
    """A page's URL under the site's public address: `url` is its path from the site's root."""
    return address.rstrip("/") + "/" + url.lstrip("/")


def robots_txt(address: str = "") -> str:
    lines = ["User-agent: *", "Allow: /"]
    if address:
        lines += ["", f"Sitemap: {absolute(address, SITEMAP)}"]
    return "\n".join(lines) + "\n"


def sitemap_xml(urls: list[str], address: str) -> str:
    """Every page by its absolute URL, in the order given (the navigation's, then the slides)."""
    entries = "".join(f"  <url><loc>{escape(absolute(address, u))}</loc></url>\n" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{NAMESPACE}">\n{entries}</urlset>\n'
    )


def write(folder: Path, urls: list[str], address: str = "") -> list[Path]:
    """robots.txt and, with an address, sitemap.xml at the site's root; the files written."""
    robots = folder / ROBOTS
    robots.write_text(robots_txt(address), encoding="utf-8")
    if not address:
        return [robots]
    sitemap = folder / SITEMAP
    sitemap.write_text(sitemap_xml(urls, address), encoding="utf-8")
    return [robots, sitemap]
