"""Reading level of participant pages: the prose a participant reads, graded.

Usage: .venv/bin/python tools/reading_level.py docs/modules/01-recovery-strategies/*.md

Practitioner blocks, field declarations, code, tables and markup are left out;
each heading, list item or line without end punctuation counts as a sentence.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

import textstat

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
PRACTITIONER = re.compile(r"^(!!!|\?\?\?\+?) practitioner.*?\n((?:[ \t]+.*\n|\n)*)", re.MULTILINE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
ATTRS = re.compile(r"\{[:.#][^}]*\}|\{ *[.#][^}]*\}")
TAG = re.compile(r"<[^>]+>")


def participant_prose(markdown: str) -> str:
    text = FRONT_MATTER.sub("", markdown)
    text = FENCE.sub("", text)
    text = PRACTITIONER.sub("", text)
    text = COMMENT.sub("", text)
    text = LINK.sub(r"\1", text)
    text = ATTRS.sub("", text)
    text = TAG.sub("", text)
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("|") or set(line) <= set("-*_=:|"):
            continue
        line = re.sub(r"^(#+|[-*+]|\d+\.|!!!|\?\?\?\+?)\s*", "", line)
        line = re.sub(r"[*_`]", "", line)
        if line and line[-1] not in ".!?:;":
            line += "."
        sentences.append(line)
    return " ".join(sentences)


def grade(path: Path) -> float:
    return textstat.flesch_kincaid_grade(participant_prose(path.read_text(encoding="utf-8")))


def main(paths: list[str]) -> None:
    grades = []
    for name in paths:
        value = grade(Path(name))
        grades.append(value)
        print(f"{value:5.1f}  {name}")
    if grades:
        print(f"median {statistics.median(grades):.1f}, highest {max(grades):.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
