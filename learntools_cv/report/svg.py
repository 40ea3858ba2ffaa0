"""Charts as inline SVG strings, drawn from counts.

Every chart is exact and readable without a browser: each bar carries its label and count as text and as
data attributes (`data-label`, `data-count`, plus any the caller adds), and a `<title>` that says the same in a
sentence, so tests can read charts as data and screen readers can read them as words. Nothing here knows about
gradebooks or events; callers pass `Bar`s and `Segment`s.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
CHAR_WIDTH = 7.0
"""Rough width of one character of 12 px text, for laying out labels without measuring them."""
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9e2ec"
HALO = 'stroke="#ffffff" stroke-width="3" paint-order="stroke"'
"""A white outline under text, so that a count stays readable where a line crosses it."""


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart."""

    label: str
    count: float
    color: str = "#3e7cb1"
    title: str = ""
    """The sentence shown on hover and read by screen readers; made from label and count when empty."""
    attrs: Mapping[str, str] = field(default_factory=dict)
    """Extra data-* attributes (names without the data- prefix) for scripts and tests."""
    note: str = ""
    """A few words after the count, such as a share ('12%')."""


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar."""

    key: str
    label: str
    count: int
    color: str


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _attrs(attrs: Mapping[str, str]) -> str:
    return "".join(f' data-{_e(k)}="{_e(v)}"' for k, v in attrs.items())


def _fmt(count: float) -> str:
    return f"{int(count):,}" if float(count).is_integer() else f"{count:,.2f}"


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(1, chars - 1)] + "…"


def nice_step(peak: float, ticks: int = 4) -> float:
    """A round gridline step (1, 2 or 5 times a power of ten) giving about `ticks` lines up to `peak`."""
    if peak <= ticks:
        return 1
    raw = peak / ticks
    power = 10 ** (len(str(int(raw))) - 1)
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def text_color(background: str) -> str:
    """Black or white, whichever contrasts more with a #rrggbb background (WCAG relative luminance)."""
    channels = [int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#ffffff" if (1.05 / (luminance + 0.05)) >= (luminance + 0.05) / 0.05 else "#000000"


def _open(width: float, height: float, title: str, desc: str, chart: str, attrs: Mapping[str, str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" data-chart="{_e(chart)}"{_attrs(attrs)}'
        f' width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}"'
        f' font-family="{_e(FONT)}" font-size="12">'
        f"<title>{_e(title)}</title><desc>{_e(desc)}</desc>"
    )


def hbars(
    bars: Sequence[Bar],
    title: str,
    chart: str = "hbars",
    width: int = 720,
    max_label_chars: int = 28,
    label_chars: int | None = None,
    attrs: Mapping[str, str] | None = None,
) -> str:
    """A horizontal bar chart: one labelled row per bar, its count written after it. Charts given the same
    `label_chars` line up their bars."""
    chars = label_chars if label_chars is not None else max((len(b.label) for b in bars), default=4)
    label_w = min(chars, max_label_chars) * CHAR_WIDTH + 12
    count_w = max((len(_fmt(b.count)) + len(b.note) + 2 for b in bars), default=4) * CHAR_WIDTH + 8
    row, top = 24, 8
    plot_w = max(60.0, width - label_w - count_w - 8)
    height = top * 2 + row * max(1, len(bars))
    peak = max((b.count for b in bars), default=0) or 1
    desc = "; ".join(f"{b.label}: {_fmt(b.count)}" for b in bars) or "no data"
    parts = [_open(width, height, title, desc, chart, attrs or {})]
    if not bars:
        parts.append(f'<text x="8" y="{top + 16}" fill="{MUTED}">Nothing to show.</text>')
    for i, bar in enumerate(bars):
        y = top + i * row
        w = plot_w * bar.count / peak
        sentence = bar.title or f"{bar.label}: {_fmt(bar.count)}"
        data = {"label": bar.label, "count": _fmt(bar.count).replace(",", ""), **bar.attrs}
        parts.append(
            f'<g class="bar"{_attrs(data)}><title>{_e(sentence)}</title>'
            f'<text x="{label_w - 8:.1f}" y="{y + 16}" text-anchor="end" '
            f'fill="{INK}">{_e(_clip(bar.label, max_label_chars))}</text>'
            f'<rect x="{label_w:.1f}" y="{y + 4}" width="{max(w, 1.5 if bar.count else 0):.1f}" height="{row - 8}" '
            f'rx="2" fill="{_e(bar.color)}"/>'
            f'<text class="count" x="{label_w + w + 6:.1f}" y="{y + 16}" fill="{INK}">{_e(_fmt(bar.count))}'
            + (f'<tspan fill="{MUTED}"> {_e(bar.note)}</tspan>' if bar.note else "")
            + "</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def columns(
    bars: Sequence[Bar],
    title: str,
    x_title: str,
    y_title: str,
    chart: str = "columns",
    width: int = 720,
    height: int = 240,
    marker: tuple[float, str] | None = None,
    attrs: Mapping[str, str] | None = None,
) -> str:
    """A vertical bar chart (a histogram): bars left to right, labels under them, counts above them.
    `marker` = (position in bar units from the left edge, text) draws a dashed line, e.g. at the median."""
    left, right, top, bottom = 64, 12, 22, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(1, len(bars))
    slot = plot_w / n
    step = nice_step(max((b.count for b in bars), default=0))
    peak = step * max(1, -(-max((b.count for b in bars), default=0) // step))
    desc = "; ".join(f"{b.label}: {_fmt(b.count)}" for b in bars) or "no data"
    parts = [_open(width, height, title, desc, chart, attrs or {})]
    base = top + plot_h
    # Gridlines at round values, so heights can be read without hovering.
    for k in range(int(peak // step) + 1):
        value = k * step
        y = base - plot_h * value / peak
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" '
            f'font-size="11">{_e(_fmt(round(value)))}</text>'
        )
    every = max(1, int(len(bars) * 30 / plot_w + 0.999))  # skip labels that would overlap
    if marker is not None:  # drawn first, so that bars and their counts stay on top of it
        mx = left + marker[0] * slot
        parts.append(
            f'<g class="marker"><line x1="{mx:.1f}" x2="{mx:.1f}" y1="{top - 6}" y2="{base}" stroke="{INK}" '
            'stroke-dasharray="4 3"/>'
            f'<text x="{mx + 4:.1f}" y="{top - 8}" fill="{INK}" font-size="11">{_e(marker[1])}</text></g>'
        )
    for i, bar in enumerate(bars):
        h = plot_h * bar.count / peak
        x = left + i * slot
        sentence = bar.title or f"{bar.label}: {_fmt(bar.count)}"
        data = {"label": bar.label, "count": _fmt(bar.count).replace(",", ""), **bar.attrs}
        show_count = bar.count and slot >= 22
        parts.append(
            f'<g class="bar"{_attrs(data)}><title>{_e(sentence)}</title>'
            f'<rect x="{x + slot * 0.1:.1f}" y="{base - h:.1f}" width="{slot * 0.8:.1f}" height="{h:.1f}" '
            f'fill="{_e(bar.color)}"/>'
            + (
                f'<text class="count" x="{x + slot / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" '
                f'fill="{INK}" font-size="11"'
                f" {HALO}>{_e(_fmt(bar.count))}</text>"
                if show_count
                else ""
            )
            + (
                f'<text x="{x + slot / 2:.1f}" y="{base + 15}" text-anchor="middle" fill="{INK}" '
                f'font-size="11">{_e(bar.label)}</text>'
                if i % every == 0
                else ""
            )
            + "</g>"
        )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{base}" y2="{base}" stroke="{INK}"/>'
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" fill="{MUTED}">{_e(x_title)}</text>'
        f'<text transform="translate(12 {top + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" '
        f'fill="{MUTED}">{_e(y_title)}</text>'
        "</svg>"
    )
    return "".join(parts)


def stacked(
    rows: Sequence[tuple[str, Sequence[Segment]]],
    title: str,
    chart: str = "stacked",
    width: int = 720,
    row_attrs: Sequence[Mapping[str, str]] | None = None,
    attrs: Mapping[str, str] | None = None,
) -> str:
    """Horizontal 100% stacked bars, one row per label, with a legend; each segment says its count and share."""
    label_w = min(max((len(label) for label, _ in rows), default=4), 24) * CHAR_WIDTH + 14
    total_w = 9 * CHAR_WIDTH
    plot_w = width - label_w - total_w - 8
    row, top = 28, 30
    height = top + row * max(1, len(rows)) + 8
    desc = "; ".join(f"{label}: " + ", ".join(f"{s.label} {s.count}" for s in segs if s.count) for label, segs in rows)
    parts = [_open(width, height, title, desc or "no data", chart, attrs or {})]
    # Legend: every kind of segment that occurs anywhere, in stacking order.
    seen: dict[str, Segment] = {}
    for _, segs in rows:
        for s in segs:
            seen.setdefault(s.key, s)
    used = {s.key for _, segs in rows for s in segs if s.count}
    seen = {k: s for k, s in seen.items() if k in used}
    x = label_w
    parts.append('<g class="legend">')
    for s in seen.values():
        parts.append(
            f'<rect x="{x:.1f}" y="6" width="12" height="12" rx="2" fill="{_e(s.color)}"/>'
            f'<text x="{x + 16:.1f}" y="16" fill="{INK}">{_e(s.label)}</text>'
        )
        x += 16 + len(s.label) * CHAR_WIDTH + 18
    parts.append("</g>")
    for i, (label, segs) in enumerate(rows):
        y = top + i * row
        total = sum(s.count for s in segs)
        extra = (row_attrs or [{}] * len(rows))[i]
        parts.append(
            f'<g class="row"{_attrs({"label": label, "total": str(total), **extra})}>'
            f'<text x="{label_w - 8:.1f}" y="{y + 17}" text-anchor="end" fill="{INK}">{_e(_clip(label, 24))}</text>'
        )
        x = float(label_w)
        for s in segs:
            if not s.count:
                continue
            w = plot_w * s.count / total
            share = 100 * s.count / total
            sentence = f"{label}, {s.label}: {s.count:,} of {total:,} ({share:.0f}%)"
            text = f"{s.count:,}"
            parts.append(
                f'<g class="segment"{_attrs({"status": s.key, "count": str(s.count), "share": f"{share:.1f}"})}>'
                f"<title>{_e(sentence)}</title>"
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{_e(s.color)}"/>'
                + (
                    f'<text x="{x + w / 2:.1f}" y="{y + 18}" text-anchor="middle" fill="{text_color(s.color)}" '
                    f'font-size="11">{_e(text)}</text>'
                    if w >= len(text) * 6.5 + 6
                    else ""
                )
                + "</g>"
            )
            x += w
        parts.append(f'<text x="{label_w + plot_w + 8:.1f}" y="{y + 17}" fill="{MUTED}">{_e(f"{total:,}")}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
