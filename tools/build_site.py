"""Build the site in every language: English from mkdocs.yml into the site folder,
then each translation, mkdocs-<lang>.yml, into its <lang>/ folder (the English build
empties the folder, so it goes first). `make build`, `make serve` and the tests use it.

Usage: .venv/bin/python tools/build_site.py [--site-dir site]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN_CONFIG = ROOT / "mkdocs.yml"


def translations() -> list[tuple[str, Path]]:
    """(language, its configuration) for every translation: mkdocs-es.yml is Spanish."""
    return [(path.stem.removeprefix("mkdocs-"), path) for path in sorted(ROOT.glob("mkdocs-??.yml"))]


def build_command(config: Path, site_dir: Path) -> list[str]:
    # Strict, and without -q, which would hide the warnings strict counts.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site_dir)]


def build_all(site_dir: Path, env: dict | None = None, configs: list[tuple[str, Path]] | None = None) -> str:
    """Every language built into `site_dir`: what went wrong, or "" if nothing did.
    `configs`: (folder, configuration) pairs after the English one (translations() by default)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    steps = [("", MAIN_CONFIG), *(configs if configs is not None else translations())]
    for folder, config in steps:
        result = subprocess.run(build_command(config, site_dir / folder), cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            return f"mkdocs build --strict -f {config.name} failed:\n{result.stdout}\n{result.stderr}"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    problem = build_all(args.site_dir.resolve())
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"Built {', '.join(['en'] + [lang for lang, _ in translations()])} into {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
