"""Our own interface words in other languages: the messages of the hooks, templates
and scripts. Not a hook itself: the hooks import it.

English is written where it is used (as gettext does): a hook calls its translator
with the English message, a template calls config.extra.imr_t with it, and a script
calls t() from assets/js/words.js.
A translation is i18n/<lang>/strings.yml, a mapping from each English message to its
wording; a message may hold {placeholders}, kept as they are. Adding a language is a
folder and a configuration; tests/test_translations.py fails when a translated build
has a message its strings.yml does not give.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Callable

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = "en"
SCRIPTS = ROOT / "docs" / "assets" / "js"
# A call of a translator with its English message as a string literal: t in scripts and
# hooks, _ in the diagrams hook, words, field.t, and imr_t in templates.
MESSAGE_CALL = re.compile(r"""(?:\bt|\b_|\bwords|imr_t|\bfield\.t)\(\s*(?P<q>["'`])(?P<m>(?:\\.|(?!(?P=q)).)*)(?P=q)""",
                          re.DOTALL)


@functools.lru_cache(maxsize=4)
def table(lang: str) -> dict[str, str]:
    """English message -> its wording in `lang` (empty for English)."""
    if lang == ENGLISH:
        return {}
    path = ROOT / "i18n" / lang / "strings.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path}: cannot read the interface strings: {error}") from error
    return {str(k): str(v) for k, v in data.items()}


def translator(lang: str) -> Callable[..., str]:
    """A function giving each English message in `lang`, with {placeholders} filled."""
    wording = table(lang)

    def words(message: str, **values) -> str:
        text = wording.get(message, message) if lang != ENGLISH else message
        if lang != ENGLISH and message not in wording:
            MISSING.add(message)
        for key, value in values.items():
            text = text.replace("{" + key + "}", str(value))
        return text

    return words


# Messages a translated build asked for and its strings.yml lacks (the tests read this
# through the build's log: hooks/language.py warns, and --strict fails).
MISSING: set[str] = set()


def messages_in(paths) -> list[str]:
    """Every English message the files at `paths` pass to a translator."""
    found = set()
    for path in paths:
        for match in MESSAGE_CALL.finditer(Path(path).read_text(encoding="utf-8")):
            found.add(match.group("m").replace("\\'", "'").replace('\\"', '"'))
    return sorted(found)


def script_messages() -> list[str]:
    """Every message our scripts (docs/assets/js) show."""
    return messages_in(sorted(SCRIPTS.rglob("*.js")))


def interface_messages() -> list[str]:
    """Every message our hooks, templates and scripts pass to their translator."""
    return messages_in([*sorted((ROOT / "hooks").glob("*.py")), *sorted((ROOT / "overrides").rglob("*.html")),
                        *sorted(SCRIPTS.rglob("*.js"))])


def every_wording(message: str) -> list[str]:
    """A message in English and in every translation (for patterns that must know a
    heading or a box title whatever the page's language)."""
    wordings = [message]
    for folder in sorted((ROOT / "i18n").glob("*/strings.yml")):
        wording = table(folder.parent.name).get(message)
        if wording and wording not in wordings:
            wordings.append(wording)
    return wordings


def any_of(message: str) -> str:
    """A regular expression matching `message` in any of our languages."""
    return "(?:" + "|".join(re.escape(w) for w in every_wording(message)) + ")"
