"""Fenced blocks that a hook turns into HTML (```fields, ```diagram): found here
once, so each hook only says what its blocks become. Not a hook itself: the
hooks import it (MkDocs puts their folder on the path while loading them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*(?P<info>[\w-]*)")


@dataclass(frozen=True)
class Block:
    body: str    # the lines between the fences, without the fence's indent
    line: int    # the opening fence's line number, counting from 1
    indent: str  # the fence's indent, for HTML that must stay inside a list item


def split_blocks(markdown: str, info: str) -> list[str | Block]:
    """The page as lines of Markdown, with each block whose info string is `info`
    as one Block. Every other fenced block is left whole, so its contents are
    never read as blocks of ours."""
    lines = markdown.split("\n")
    pieces: list[str | Block] = []
    index = 0
    while index < len(lines):
        match = FENCE_OPEN.match(lines[index])
        if not match:
            pieces.append(lines[index])
            index += 1
            continue
        indent, fence = match.group("indent"), match.group("fence")
        end = closing_fence(lines, index, fence)
        if match.group("info") == info:
            body = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in lines[index + 1 : end])
            pieces.append(Block(body, index + 1, indent))
        else:
            pieces.extend(lines[index : end + 1])
        index = end + 1
    return pieces


def closing_fence(lines: list[str], start: int, fence: str) -> int:
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
            return index
    return len(lines) - 1
