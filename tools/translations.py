"""Translations kept in step with the English pages.

Usage (from the repository root):
  .venv/bin/python tools/translations.py check i18n/es/docs/crisis.md [...]
      structure parity with the English twin, the recorded version, and reading level
  .venv/bin/python tools/translations.py stale [--lang es]
      every English participant page whose translation is missing or older than the
      English, with what changed in the English since (needs the git history)
  .venv/bin/python tools/translations.py stamp i18n/es/docs/crisis.md [...]
      record that a translation now says what its English page says
  .venv/bin/python tools/translations.py messages [--lang es]
      our interface messages (hooks, templates, scripts) that i18n/<lang>/strings.yml lacks

Every English page a participant reads has a twin: all of docs/ except the program
guide, the practitioner guides and the practitioners' worksheets (which stay English).
"""

from __future__ import annotations

import difflib
import statistics
import subprocess
import sys
from pathlib import Path

import textstat
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT)]

import curriculum  # noqa: E402
import strings  # noqa: E402
import twins  # noqa: E402
from tools.reading_level import participant_prose  # noqa: E402

LANGUAGES = ["es"]
LOWEST_READING_EASE = 60   # Fernández Huerta, every page
MEDIAN_READING_EASE = 70   # Fernández Huerta, median over the pages


def english_participant_pages() -> list[Path]:
    course = curriculum.load_curriculum(ROOT)
    practitioners = {w.src_uri for w in course.worksheets if w.for_practitioners}
    pages = []
    for path in sorted(twins.ENGLISH_DOCS.rglob("*.md")):
        uri = path.relative_to(twins.ENGLISH_DOCS).as_posix()
        if uri.startswith("program-guide/") or uri.endswith("practitioner-guide.md") or uri in practitioners:
            continue
        pages.append(path)
    return pages


def reading_ease(markdown: str, lang: str) -> float:
    textstat.set_lang(lang)
    try:
        return textstat.fernandez_huerta(participant_prose(markdown)) if lang == "es" else \
            textstat.flesch_reading_ease(participant_prose(markdown))
    finally:
        textstat.set_lang("en_US")


def stale_pages(lang: str) -> list[tuple[Path, Path, str]]:
    """(English page, translation, why) for every translation missing or out of date."""
    found = []
    for english in english_participant_pages():
        translation = twins.translation_path(english, lang)
        if not translation.exists():
            found.append((english, translation, "no translation yet"))
        elif twins.recorded_version(translation) is None:
            found.append((english, translation, f"no '{twins.TRANSLATES}:' in its front matter"))
        elif not twins.is_fresh(translation, lang):
            found.append((english, translation, "the English page has changed since"))
    return found


def english_changes(english: Path, translation: Path) -> str:
    """What changed in the English page since the version the translation records (the
    old version comes from git's objects; a shallow clone may not have it)."""
    old = twins.recorded_version(translation) if translation.exists() else None
    if not old:
        return ""
    result = subprocess.run(["git", "cat-file", "-p", old], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        return f"    (git does not have English version {old[:12]}: a shallow clone? Compare by hand.)\n"
    diff = difflib.unified_diff(result.stdout.splitlines(), english.read_text(encoding="utf-8").splitlines(),
                                f"{english.name} as translated", f"{english.name} now", lineterm="", n=1)
    return "".join(f"    {line}\n" for line in diff)


def check(paths: list[str]) -> int:
    failures, scores = 0, []
    for name in paths:
        translation = Path(name)
        lang = translation.resolve().relative_to(twins.I18N.resolve()).parts[0]
        english = twins.english_path(translation, lang)
        if not english.exists():
            print(f"FAIL {name}: no English page {english.relative_to(ROOT)}")
            failures += 1
            continue
        text = translation.read_text(encoding="utf-8")
        problems = twins.differences(english.read_text(encoding="utf-8"), text)
        score = reading_ease(text, lang)
        scores.append(score)
        if score < LOWEST_READING_EASE:
            problems.append(f"reading ease {score:.0f} is below {LOWEST_READING_EASE}: shorter sentences, plainer words")
        version = "current" if twins.is_fresh(translation, lang) else "not stamped for the current English"
        print(f"{'OK  ' if not problems else 'FAIL'} {name}  reading ease {score:.0f}  ({version})")
        for problem in problems:
            print(f"       {problem}")
        failures += bool(problems)
    if scores:
        print(f"median reading ease {statistics.median(scores):.0f}, lowest {min(scores):.0f}")
    return 1 if failures else 0


def stale(lang: str) -> int:
    found = stale_pages(lang)
    for english, translation, why in found:
        print(f"{translation.relative_to(ROOT)}: {why} ({english.relative_to(ROOT)})")
        print(english_changes(english, translation), end="")
    print(f"{len(found)} of {len(english_participant_pages())} pages need translating ({lang}).")
    return 1 if found else 0


def missing_messages(lang: str) -> list[str]:
    table = strings.table(lang)
    return [m for m in strings.interface_messages() if m not in table]


def main(argv: list[str]) -> int:
    if argv and argv[0] == "messages":
        lang = argv[argv.index("--lang") + 1] if "--lang" in argv else LANGUAGES[0]
        missing = missing_messages(lang)
        for message in missing:
            print(yaml.safe_dump({message: ""}, allow_unicode=True, width=100000).rstrip())
        print(f"# {len(missing)} messages without {lang} wording", file=sys.stderr)
        return 1 if missing else 0
    if not argv or argv[0] not in ("check", "stale", "stamp"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "check":
        return check(rest)
    if command == "stamp":
        for name in rest:
            lang = Path(name).resolve().relative_to(twins.I18N.resolve()).parts[0]
            twins.stamp(Path(name), lang)
            print(f"stamped {name}")
        return 0
    lang = rest[rest.index("--lang") + 1] if "--lang" in rest else LANGUAGES[0]
    return stale(lang)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
