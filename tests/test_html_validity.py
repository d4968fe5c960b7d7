"""Valid HTML: the W3C Nu checker finds no error in our own markup, print page included.

The checker (vnu.jar, from the npm package vnu-jar) runs on the whole built site.
Errors in markup that Material for MkDocs or mkdocs-print-site-plugin write
themselves are listed in THIRD_PARTY with the reason they are not ours to fix;
everything else fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path


from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The checker's schema needs a deep stack. Java's quick first compiler alone (no
# second, optimising pass) and one garbage-collector thread halve the processor
# time of a whole-site check on this machine (29 s to 15 s) without slowing it.
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

# (message pattern, extract pattern): errors in markup we do not write.
THIRD_PARTY = [
    # Material's hidden toggles (drawer, search, navigation) carry autocomplete="off".
    (r"Attribute “autocomplete” is only allowed", r'class="md-toggle'),
    # Material's navigation labels are written with tabindex="".
    (r"Bad value “” for attribute “tabindex” on element “label”", r"md-nav__link"),
    # Material's labels point at its hidden toggle checkboxes.
    (r"“for” attribute of the “label” element must be the ID of a non-hidden", r'class="md-(nav|header|search|top|tabs|source|icon)'),
    # mkdocs-print-site-plugin numbers its sections with a made-up attribute ...
    (r"Attribute “heading-number” not allowed", r"class=.print-page"),
    # ... and writes its numbering styles inside the page body.
    (r"A “style” element in “body” must be the first child", r"<style>\.print"),
]


def validate(paths: list[Path]) -> list[dict]:
    java = shutil.which("java")
    assert java, "the Nu checker needs Java; `make test` installs it"
    assert VNU.exists(), "the Nu checker is missing; `make test` installs it with npm"
    result = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def ours(messages: list[dict]) -> list[dict]:
    def third_party(message: dict) -> bool:
        return any(
            re.search(text, message["message"]) and re.search(extract, message.get("extract", ""))
            for text, extract in THIRD_PARTY
        )

    return [m for m in messages if m.get("type") == "error" and not third_party(m)]


def test_site_markup_is_valid(site_dir):
    errors = ours(validate([site_dir]))
    report = [f"{m['url'].split(str(site_dir))[-1]}: {m['message']} | {m.get('extract', '').strip()[:120]}" for m in errors]
    assert report == [], "\n".join(report[:30])


def test_checker_reports_an_error_in_our_markup(tmp_path):
    """The check can fail: a worksheet block with a repeated id is an error of ours."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<div class="ws" id="same"></div><div class="ws" id="same"></div></body></html>'
    )
    errors = ours(validate([page]))
    assert any("Duplicate ID" in m["message"] for m in errors)
