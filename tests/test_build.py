"""The site builds strictly, covers the curriculum, and every link and anchor resolves."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml

from conftest import ROOT, build_site

SHARED_CURRICULUM = ROOT.parent / "shared" / "curriculum.yml"


def our_curriculum() -> dict:
    return yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))


def published_modules() -> list[dict]:
    return [m for m in our_curriculum()["modules"] if (ROOT / "docs/modules" / m["slug"]).is_dir()]


# What a build needs of the project: not its environments, builds, history or npm packages.
NOT_NEEDED_TO_BUILD = shutil.ignore_patterns(".venv", "site", "pdf", "dist", ".git", "__pycache__", "node_modules")


class TestStrictBuild:
    def test_site_builds_strictly(self, site_dir):
        assert (site_dir / "index.html").is_file()
        assert (site_dir / "print_page" / "index.html").is_file()

    def test_broken_link_fails_the_strict_build(self, tmp_path):
        """Shows the strict build really counts warnings (it would not with -q)."""
        project = tmp_path / "project"
        shutil.copytree(ROOT, project, ignore=NOT_NEEDED_TO_BUILD)
        about = project / "docs" / "about.md"
        about.write_text(about.read_text() + "\n[A page that is not there](no-such-page.md)\n")
        result = build_site(project, tmp_path / "site")
        assert result.returncode != 0
        assert "no-such-page.md" in result.stdout + result.stderr

    def test_missing_topic_page_fails_the_build(self, tmp_path):
        project = tmp_path / "project"
        shutil.copytree(ROOT, project, ignore=NOT_NEEDED_TO_BUILD)
        module = published_modules()[0]
        (project / "docs/modules" / module["slug"] / f"{module['topics'][0]['slug']}.md").unlink()
        result = build_site(project, tmp_path / "site")
        assert result.returncode != 0
        assert "missing pages" in result.stdout + result.stderr


class TestCurriculumCoverage:
    def test_all_eleven_modules_are_in_the_source_of_truth(self):
        assert [m["number"] for m in our_curriculum()["modules"]] == list(range(1, 12))

    @pytest.mark.skipif(not SHARED_CURRICULUM.exists(), reason="the shared curriculum file is not beside this clone")
    def test_source_of_truth_matches_the_official_curriculum(self):
        official = yaml.safe_load(SHARED_CURRICULUM.read_text(encoding="utf-8"))["modules"]
        ours = our_curriculum()["modules"]
        for theirs, mine in zip(official, ours, strict=True):
            assert mine["title"] == theirs["title"]
            assert [t["title"] for t in mine["topics"]] == theirs["topics"]
            variants = theirs.get("handout_variants") or {}
            assert [h["code"] for h in mine.get("handouts") or []] == list(variants)

    @pytest.mark.parametrize("module", published_modules(), ids=lambda m: m["slug"])
    def test_published_module_has_every_topic_page(self, module, site_dir):
        for topic in module["topics"]:
            page = site_dir / "modules" / module["slug"] / topic["slug"] / "index.html"
            assert page.is_file(), f"missing {page}"
            assert topic["title"] in page.read_text(encoding="utf-8")
        assert (site_dir / "modules" / module["slug"] / "practitioner-guide" / "index.html").is_file()

    def test_module_one_is_published(self):
        assert "01-recovery-strategies" in [m["slug"] for m in published_modules()]

    def test_overview_lists_every_module_and_topic(self, site_dir):
        html = (site_dir / "modules" / "index.html").read_text(encoding="utf-8")
        for module in our_curriculum()["modules"]:
            assert module["title"] in html
            for topic in module["topics"]:
                assert topic["title"].replace("&", "&amp;") in html

    def test_every_page_links_the_crisis_page(self, site_dir):
        for page in site_dir.rglob("index.html"):
            if page.parent.name == "crisis":
                continue
            html = page.read_text(encoding="utf-8")
            assert re.search(r'href="[./]*crisis/"', html), f"{page} has no link to the crisis page"


# <link> kinds a browser fetches by itself (a canonical address is not fetched).
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "manifest"}


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []  # what a browser fetches on its own: styles, scripts, images
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        ignored_on_print_page = "print-site-plugin-ignore" in (attrs.get("class") or "")
        if tag == "a" and attrs.get("href") and not ignored_on_print_page:
            self.links.append(attrs["href"])
        address = attrs.get("href") or attrs.get("src") or attrs.get("data")
        if tag in ("link", "script", "img", "source", "iframe", "embed", "object") and address:
            self.links.append(address)
            fetched = tag != "link" or set((attrs.get("rel") or "").split()) & FETCHED_LINK_RELS
            if fetched:
                self.loads.append(address)


def parse(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def resolve(site_dir: Path, page: Path, href: str) -> tuple[Path | None, str]:
    page_url = "http://site/" + page.relative_to(site_dir).as_posix()
    target = urlparse(urljoin(page_url, href))
    if target.netloc != "site":
        return None, ""
    path = site_dir / unquote(target.path.lstrip("/"))
    if path.is_dir() or target.path.endswith("/"):
        path = path / "index.html"
    return path, target.fragment


class TestLinks:
    def test_every_internal_link_and_anchor_resolves(self, site_dir):
        parsed: dict[Path, LinkCollector] = {}
        broken = []
        for page in sorted(site_dir.rglob("*.html")):
            if page not in parsed:
                parsed[page] = parse(page)
            collector = parsed[page]
            for href in collector.links:
                if href.startswith(("mailto:", "tel:", "javascript:")):
                    continue
                target, fragment = resolve(site_dir, page, href)
                if target is None:
                    continue
                if not target.exists():
                    broken.append(f"{page.relative_to(site_dir)} -> {href}")
                elif fragment and target.suffix == ".html":
                    if target not in parsed:
                        parsed[target] = parse(target)
                    if fragment not in parsed[target].ids:
                        broken.append(f"{page.relative_to(site_dir)} -> {href} (no such anchor)")
        assert broken == [], f"{len(broken)} broken:\n" + "\n".join(broken[:60])

    def test_no_page_loads_anything_from_another_host(self, site_dir):
        """A style, script or image from elsewhere would be a request to another host
        on every visit. (Links a reader may choose to follow, like the crisis lines'
        sites, are allowed.)"""
        loaded = []
        for page in site_dir.rglob("*.html"):
            for src in parse(page).loads:
                if re.match(r"^(https?:)?//", src):
                    loaded.append(f"{page.relative_to(site_dir)}: {src}")
        assert loaded == [], "\n".join(loaded[:20])
