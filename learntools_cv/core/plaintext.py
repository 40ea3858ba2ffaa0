"""Markdown to plain text: the small part of markdown that feedback is written in, read by a scanner.

Feedback bodies are markdown (paragraphs, fenced code blocks, inline code, emphasis, backslash escapes,
`&amp;` and, from learntools-style hints, <span> tags). A terminal shows them as plain text made here.
"""

from __future__ import annotations

__all__ = ["plain_text"]


_ESCAPABLE = set("\\`*_{}[]<>()#+-.!|~")


def plain_text(source: str) -> str:
    """Plain text for a terminal: code fences dropped, emphasis markers and <span> tags removed, escapes
    undone; inline code is kept as written, backticks included."""
    lines = [line for line in source.splitlines() if not _is_fence(line)]
    return _inline("\n".join(lines)).strip("\n")


def _is_fence(line: str) -> bool:
    stripped = line.strip()
    ticks = len(stripped) - len(stripped.lstrip("`"))
    return ticks >= 3 and "`" not in stripped[ticks:]


def _inline(src: str) -> str:
    out: list[str] = []
    i, n = 0, len(src)
    emphasis = _emphasis_pairs(src)
    while i < n:
        ch = src[i]
        if ch == "`":
            run = _run(src, i, "`")
            close = src.find("`" * run, i + run)
            while close != -1 and _run(src, close, "`") != run:
                close = src.find("`" * run, close + _run(src, close, "`"))
            if close == -1:
                out.append(src[i : i + run])
                i += run
            else:
                out.append(src[i : close + run])
                i = close + run
        elif ch == "\\" and i + 1 < n and src[i + 1] in _ESCAPABLE:
            out.append(src[i + 1])
            i += 2
        elif ch == "*" and i in emphasis:
            i += emphasis[i]
        elif src.startswith("&amp;", i):
            out.append("&")
            i += 5
        elif src.startswith("<span", i) and src.find(">", i) != -1:
            i = src.find(">", i) + 1
        elif src.startswith("</span>", i):
            i += 7
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _run(src: str, i: int, ch: str) -> int:
    j = i
    while j < len(src) and src[j] == ch:
        j += 1
    return j - i


def _emphasis_pairs(src: str) -> dict[int, int]:
    """Positions of `*`/`**` runs that open or close emphasis (outside code spans and escapes), mapped to
    their length. An opener is followed by a non-space and not preceded by a word character; a closer of
    the same length is preceded by a non-space and not followed by a word character, on the same line for
    single stars."""
    candidates: list[tuple[int, int]] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch == "`":
            run = _run(src, i, "`")
            close = src.find("`" * run, i + run)
            i = close + run if close != -1 else i + run
        elif ch == "\\":
            i += 2
        elif ch == "*":
            run = _run(src, i, "*")
            candidates.append((i, run))
            i += run
        else:
            i += 1
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for k, (start, run) in enumerate(candidates):
        if start in used or run > 2:
            continue
        before = src[start - 1] if start else " "
        after = src[start + run] if start + run < n else " "
        if after.isspace() or before.isalnum() or before == "\\":
            continue
        for end, run2 in candidates[k + 1 :]:
            if end in used or run2 != run:
                continue
            if run == 1 and "\n" in src[start:end]:
                break
            prev = src[end - 1]
            nxt = src[end + run2] if end + run2 < n else " "
            if not prev.isspace() and not nxt.isalnum() and end > start + run:
                pairs[start] = run
                pairs[end] = run2
                used.update((start, end))
                break
    return pairs
