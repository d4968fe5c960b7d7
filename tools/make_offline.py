"""Build the offline edition: the whole site in one folder that opens from disk. `make offline`.

A practitioner copies the folder onto a USB stick or a shared drive and double-clicks
index.html: no network, no web server, no install. Browsers are strict with pages
opened from disk (file://): Chromium refuses module scripts, import() and fetch()
there, and search needs its web worker started another way. So this tool
1. builds the site with mkdocs-offline.yml (Material's offline plugin: links end
   in .html, the search index is a script; no instant navigation; the iframe-worker
   shim from the repository), passing the environment through (IMR_AGENCY,
   IMR_PDF_DIR: an agency edition, the PDFs of `make pdf` when they exist);
2. bundles each module script that mkdocs.yml lists (type: module) with everything
   it imports into one classic script, with esbuild (an npm devDependency pinned in
   package-lock.json): the ES modules in docs/assets/js stay the only source;
3. writes what the scripts fetch or say online as a script (assets/js/offline/data.js):
   window.imrSheets, the worksheet titles of assets/sheets.json (hooks/worksheets.py),
   which docs/assets/js/answers/my-answers.js reads instead of fetching the JSON, and
   window.imrNoStorage, why answers may not save from disk (answers/store.js);
4. removes what no page opened from disk uses (the module files, the JSON search
   index, the sitemap, the 404 page), points links written as folders ("crisis/")
   at their page ("crisis.html") and the print page's site root at the folder, and
   checks that every local link and script is in the folder, that no script is a
   module and that nothing is loaded from another host;
5. adds README.txt and zips the folder as imr-offline/ into the zip.

Usage: python tools/make_offline.py [--out dist/imr-offline.zip] [--work build/offline]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]
MAIN_CONFIG = ROOT / "mkdocs.yml"
OFFLINE_CONFIG = ROOT / "mkdocs-offline.yml"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
FOLDER = "imr-offline"
BUNDLES = "assets/js/offline"  # the classic scripts, in the built folder
SHEETS_JSON = "assets/sheets.json"
DATA_SCRIPT = f"{BUNDLES}/data.js"
# Why a worksheet cannot save, said in its status line (docs/assets/js/answers/store.js).
NO_STORAGE = "it keeps nothing for pages opened from a file, or storage is switched off"
INSTANT = "navigation.instant"
PRINT_PAGE = "print_page.html"
LEFT_OUT = ["search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "404.html"]
README = """\
Illness Management and Recovery: the offline edition
====================================================

This folder holds the whole site: every module, topic, handout and worksheet,
search, My answers, the projector view, present mode and the print editions.
It needs no network, no web server and nothing installed.

TO OPEN IT
1. If you have the zip file, unzip it first (Windows: right-click it, then
   "Extract All"; Mac: double-click it). Pages opened from inside a zip do
   not work.
2. Open the folder imr-offline and double-click index.html. It opens in your
   web browser (Chrome, Edge or Firefox). Bookmark it to come back.
It works the same from a USB stick or a shared drive. Keep the folder whole:
every page needs the folders beside it.

WHERE YOUR ANSWERS ARE KEPT
What you type into a worksheet is saved in the web browser on this computer,
not in this folder. So:
- copying the folder to another computer or stick does not copy the answers;
- another browser, or another computer, does not see them;
- anyone using this browser on this computer can read them. On a shared
  computer, erase them when you are done: My answers, then "Erase all my
  answers from this device".
If the page says that this browser is not letting the site save answers, fill
in and print the worksheet, or open the folder in another browser.

TO MOVE YOUR ANSWERS
1. On the computer that has them, open My answers (in the menu at the top)
   and choose "Download a backup of all my answers". Keep the file somewhere
   private: it holds what you wrote.
2. On the other computer (or in the other browser), open this edition, go to
   My answers, choose "Restore answers from a backup file" and pick the file.
{pdfs}
This site informs; it does not replace care. If you need help now, call your
local emergency number, or open crisis.html in this folder (Crisis and safety).

EN ESPAÑOL
La edición en español está en la carpeta es: haga doble clic en es/index.html.
Cada página tiene un selector de idioma (arriba) que lleva a la misma página en
el otro idioma. Las respuestas que escribe en una hoja de trabajo en español se
ven también en la misma hoja en inglés, y al revés. Si necesita ayuda ahora,
llame a su número local de emergencias o abra es/crisis.html (Crisis y seguridad).
"""
PDF_NOTE = """
PRINTING
Ready-made PDFs (blank worksheets) are in the folder pdf. To print a worksheet
with your answers, open it and use its Print button.
"""
NO_PDF_NOTE = """
PRINTING
Open a worksheet and use its Print button: it prints with your answers. The
print page (How to use this site) prints the manual, the workbook or one
module's handouts, or saves them as a PDF.
"""

# href="..." and src="..." in the built pages (MkDocs, Material and our hooks
# write double-quoted attributes).
LINK = re.compile(r'\b(href|src)="([^"]*)"')
# What a page loads by itself: scripts, styles, icons, images, frames, fonts.
LOADED = re.compile(r"<(?:script|link|img|iframe|source|audio|video|embed|object)\b[^>]*>", re.I)
OUTSIDE = re.compile(r'\b(?:src|href|data|srcset)\s*=\s*["\']?\s*(?:https?:)?//', re.I)
CSS_OUTSIDE = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])\s*(?:https?:)?//", re.I)


class OfflineError(Exception):
    pass


# ---------------------------------------------------------------- Configuration

def load_yaml(path: Path) -> dict:
    """A MkDocs config file as MkDocs reads it (!ENV tags, INHERIT merged)."""
    from mkdocs.utils.yaml import yaml_load

    with open(path, encoding="utf-8") as source:
        return yaml_load(source)


def plugin_entries(config: dict) -> list[tuple[str, object]]:
    entries = []
    for item in config.get("plugins") or []:
        if isinstance(item, dict):
            entries += list(item.items())
        else:
            entries.append((item, None))
    return entries


def script_path(entry) -> str:
    return entry if isinstance(entry, str) else entry["path"]


def module_entries(main: dict) -> list[str]:
    """The module scripts of mkdocs.yml: the entry points to bundle."""
    return [script_path(e) for e in main.get("extra_javascript") or [] if isinstance(e, dict) and e.get("type") == "module"]


def bundle_path(entry: str) -> str:
    return f"{BUNDLES}/{Path(entry).name}"


def expected_scripts(main: dict) -> list[str]:
    """mkdocs.yml's extra_javascript with each module replaced by its bundle, the titles first."""
    scripts = [DATA_SCRIPT]
    for entry in main.get("extra_javascript") or []:
        is_module = isinstance(entry, dict) and entry.get("type") == "module"
        scripts.append(bundle_path(script_path(entry)) if is_module else script_path(entry))
    return scripts


def config_problems(main: dict, offline: dict) -> list[str]:
    """Where mkdocs-offline.yml has drifted from mkdocs.yml (its lists are copies, see its header)."""
    problems = []
    features = [f for f in main["theme"].get("features", []) if f != INSTANT]
    if offline["theme"].get("features") != features:
        problems.append(f"theme.features must be mkdocs.yml's without {INSTANT}: {features}")
    plugins = plugin_entries(main)
    wanted = plugins[:-1] + [("offline", None)] + plugins[-1:]
    if plugin_entries(offline) != wanted:
        problems.append(
            "plugins must be mkdocs.yml's, options included, with `offline` just before the last one "
            f"(print-site): {[name for name, _ in wanted]}"
        )
    scripts = [script_path(e) for e in offline.get("extra_javascript") or []]
    if scripts != expected_scripts(main):
        problems.append(f"extra_javascript must be {expected_scripts(main)} (classic scripts), not {scripts}")
    shims = [p for p in (offline.get("extra") or {}).get("polyfills") or [] if "iframe-worker" in p]
    docs = ROOT / offline.get("docs_dir", "docs")
    if not shims or not all((docs / p).is_file() for p in shims):
        problems.append("extra.polyfills must list the iframe-worker shim kept under docs/ (not a CDN address)")
    return problems


# ---------------------------------------------------------------- Steps

def build_site(folder: Path, config: Path = OFFLINE_CONFIG) -> None:
    """The strict build of mkdocs-offline.yml (or a translation's), the environment passed through."""
    from tools.build_site import build_command

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(build_command(config, folder), cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise OfflineError(f"mkdocs build of {config.name} failed:\n{result.stdout}{result.stderr}")


def translation_offline_config(translation: Path) -> dict:
    """A translation's offline configuration: its own (mkdocs-<lang>.yml), with the
    offline changes mkdocs-offline.yml makes to mkdocs.yml (no address, no instant
    navigation, the offline plugin before print-site, the worker shim, classic scripts)."""
    offline = yaml.safe_load(OFFLINE_CONFIG.read_text(encoding="utf-8").replace("!ENV", ""))
    own = load_yaml(translation)
    plugins = own["plugins"]
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    plugins = plugins[: names.index("print-site")] + ["offline"] + plugins[names.index("print-site"):]
    return {
        "INHERIT": translation.name,
        "site_url": "",
        "theme": {"features": offline["theme"]["features"]},
        "plugins": plugins,
        "extra": {"polyfills": offline["extra"]["polyfills"]},
        "extra_javascript": offline["extra_javascript"],
    }


def build_translations(folder: Path) -> list[Path]:
    """Each translation built for disk into its <lang>/ folder; returns those folders.
    Its configuration is written beside mkdocs.yml for the build (paths in it are
    relative to where it lies) and removed afterwards."""
    from tools.build_site import translations

    folders = []
    for lang, config in translations():
        generated = ROOT / f".mkdocs-offline-{lang}.yml"
        generated.write_text("# Written by tools/make_offline.py for one build; not kept.\n"
                             + yaml.safe_dump(translation_offline_config(config), allow_unicode=True, sort_keys=False),
                             encoding="utf-8")
        try:
            build_site(folder / lang, generated)
        finally:
            generated.unlink(missing_ok=True)
        folders.append(folder / lang)
    return folders


def bundle_scripts(main: dict, folder: Path) -> list[Path]:
    """One classic script (IIFE) per module entry point, imports (dynamic ones too) inlined.

    Returns the source files that went into the bundles."""
    if not ESBUILD.exists():
        raise OfflineError(f"{ESBUILD.relative_to(ROOT)} is missing: run `npm ci` (`make offline` does).")
    docs = ROOT / main.get("docs_dir", "docs")
    sources: set[Path] = set()
    for entry in module_entries(main):
        meta = folder / (bundle_path(entry) + ".meta.json")
        banner = f"/* The offline edition's classic-script bundle of {entry} (tools/make_offline.py): edit that, not this. */"
        result = subprocess.run(
            [str(ESBUILD), str(docs / entry), "--bundle", "--format=iife", "--log-level=warning",
             f"--outfile={folder / bundle_path(entry)}", f"--metafile={meta}", f"--banner:js={banner}"],
            cwd=ROOT, capture_output=True, text=True,
        )
        if result.returncode != 0 or result.stderr.strip():
            raise OfflineError(f"esbuild could not bundle {entry}:\n{result.stderr}")
        sources |= {(ROOT / path).resolve() for path in json.loads(meta.read_text(encoding="utf-8"))["inputs"]}
        meta.unlink()
    return sorted(sources)


def write_data_script(folder: Path, lang: str = "en") -> None:
    """What the scripts would fetch or say online, for pages opened from disk: the worksheet
    titles of assets/sheets.json (My answers) and why answers may not save (store.js)."""
    import strings

    titles = json.loads((folder / SHEETS_JSON).read_text(encoding="utf-8"))
    (folder / DATA_SCRIPT).write_text(
        "/* The offline edition's data for its scripts (tools/make_offline.py). */\n"
        f"window.imrNoStorage = {json.dumps(strings.translator(lang)(NO_STORAGE))};\n"
        f"window.imrSheets = {json.dumps(titles, ensure_ascii=True, separators=(',', ':'))};\n",
        encoding="utf-8",
    )


def leave_out_unused(main: dict, folder: Path, sources: list[Path]) -> None:
    """The module files now bundled, the JSON search index, the sitemap, the 404 page."""
    docs = (ROOT / main.get("docs_dir", "docs")).resolve()
    for source in sources:
        if source.is_relative_to(docs):
            (folder / source.relative_to(docs)).unlink(missing_ok=True)
    for name in LEFT_OUT:
        (folder / name).unlink(missing_ok=True)
    for directory in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()


def file_list(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def resolve(directory: str, path: str) -> str | None:
    """Where a relative link from `directory` leads, relative to the folder; None outside it."""
    joined = posixpath.normpath(posixpath.join(directory, unquote(path)))
    return None if joined == ".." or joined.startswith("../") else joined


def as_page(files: set[str], directory: str, path: str) -> str | None:
    """The file a link opens from disk: a folder address ("crisis/") means its page."""
    target = resolve(directory, path)
    if target is None:
        return None
    if not path.endswith("/"):
        return target if target in files else None
    candidates = ([target + ".html"] if target != "." else []) + [posixpath.join(target, "index.html")]
    return next((posixpath.normpath(c) for c in candidates if posixpath.normpath(c) in files), None)


def online_folder(page: str) -> str:
    """Where a page sits on the online site, which has folder addresses: about.html is about/."""
    return posixpath.dirname(page) if posixpath.basename(page) == "index.html" else page.removesuffix(".html")


def local_path(url: str) -> str | None:
    """The path of a link within the site, or None for another scheme or host, or an anchor."""
    if url.startswith("#"):
        return None
    parts = urlsplit(html.unescape(url))
    return None if parts.scheme or parts.netloc or not parts.path else parts.path


def point_folder_links_at_pages(folder: Path) -> int:
    """Links written for the online site's folder addresses open their page from disk.

    MkDocs writes the offline edition's own links as files ("../crisis.html"), but
    links that hooks, templates or pages write by hand ("../crisis/",
    "print_page/?edition=module-03", or "../print_page/" from using-this-site/) would
    show a folder's listing, or nothing. A local link that opens no file is read as
    written here, then as written on the online page, and pointed at the page found."""
    files = file_list(folder)
    changed = 0
    for page in folder.rglob("*.html"):
        name = page.relative_to(folder).as_posix()
        here = posixpath.dirname(name)
        text = page.read_text(encoding="utf-8")

        def fix(match: re.Match) -> str:
            nonlocal changed
            attribute, url = match.groups()
            path = local_path(url)
            if path is None or path.startswith("/") or resolve(here, path) in files:
                return match.group(0)
            found = as_page(files, here, path) or as_page(files, online_folder(name), path)
            if found is None:
                return match.group(0)  # folder_problems() reports it
            changed += 1
            parts = urlsplit(html.unescape(url))
            fixed = posixpath.relpath(found, here or ".")
            fixed += (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
            return f'{attribute}="{html.escape(fixed, quote=True)}"'

        new = LINK.sub(fix, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return changed


def root_the_print_page(folder: Path) -> None:
    """The print page tells Material the site's root is "/" (mkdocs-print-site-plugin renders
    it with another page's context): from disk that is the root of the drive, where search
    finds no index. It sits at the root of the folder: "."."""
    page = folder / PRINT_PAGE
    if page.is_file():
        text = page.read_text(encoding="utf-8")
        text = text.replace('"base": "/"', '"base": "."').replace('__md_scope=new URL("/",', '__md_scope=new URL(".",')
        page.write_text(text, encoding="utf-8")


def folder_problems(folder: Path) -> list[str]:
    """Local links and scripts that are not in the folder; anything loaded from another host."""
    files = file_list(folder)
    problems = []
    for page in sorted(folder.rglob("*.html")):
        name = page.relative_to(folder).as_posix()
        here = posixpath.dirname(name)
        text = page.read_text(encoding="utf-8")
        for _, url in LINK.findall(text):
            path = local_path(url)
            if path is not None and (path.startswith("/") or resolve(here, path) not in files):
                problems.append(f"{name}: {url} is not a file in the folder")
        base = re.search(r'"base": "([^"]*)"', text)
        root = site_root_of(name)
        if base and (base.group(1).startswith("/") or resolve(here, base.group(1)) != root):
            problems.append(f"{name}: Material's base {base.group(1)!r} is not its site's root ({root})")
        for tag in LOADED.findall(text):
            if OUTSIDE.search(tag) and not re.search(r'rel="?(?:canonical|alternate)', tag):
                problems.append(f"{name}: loads from another host: {tag}")
            if re.search(r'type="?module', tag):
                problems.append(f"{name}: a module script, which browsers refuse from disk: {tag}")
    for sheet in sorted(folder.rglob("*.css")):
        if CSS_OUTSIDE.search(sheet.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{sheet.relative_to(folder).as_posix()}: loads from another host")
    return problems


def site_root_of(name: str) -> str:
    """The root of the site a page belongs to: "." for English, "es" for the Spanish pages."""
    from tools.build_site import translations

    first = name.split("/", 1)[0]
    return first if "/" in name and first in {lang for lang, _ in translations()} else "."


def write_readme(folder: Path) -> None:
    has_pdfs = any((folder / "pdf").glob("*.pdf"))
    text = README.format(pdfs=PDF_NOTE if has_pdfs else NO_PDF_NOTE)
    (folder / "README.txt").write_text(text.replace("\n", "\r\n"), encoding="utf-8")  # Notepad-friendly


def write_zip(folder: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{FOLDER}/{path.relative_to(folder).as_posix()}")
    partial.replace(out)


def make_offline(out: Path, work: Path) -> Path:
    main = load_yaml(MAIN_CONFIG)
    problems = config_problems(main, load_yaml(OFFLINE_CONFIG))
    if problems:
        raise OfflineError("mkdocs-offline.yml no longer matches mkdocs.yml:\n- " + "\n- ".join(problems))
    folder = work / FOLDER
    if folder.exists():
        shutil.rmtree(folder)
    build_site(folder)
    for site in [folder, *build_translations(folder)]:
        sources = bundle_scripts(main, site)
        write_data_script(site, "en" if site == folder else site.name)
        leave_out_unused(main, site, sources)
        root_the_print_page(site)
    point_folder_links_at_pages(folder)
    problems = folder_problems(folder)
    if problems:
        raise OfflineError(f"the offline edition would not work from disk ({len(problems)} problems):\n- "
                           + "\n- ".join(problems[:30]))
    write_readme(folder)
    write_zip(folder, out)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "imr-offline.zip", help="the zip to write")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "offline",
                        help=f"where the folder is built (as {FOLDER}/) before it is zipped")
    args = parser.parse_args(argv)
    try:
        folder = make_offline(args.out.resolve(), args.work.resolve())
    except OfflineError as error:
        print(f"make_offline: {error}", file=sys.stderr)
        return 1
    size = args.out.stat().st_size
    pages = sum(1 for _ in folder.rglob("*.html"))
    print(f"{args.out}: {size / 1024 / 1024:.1f} MiB, {pages} pages; unzip it and open {FOLDER}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
