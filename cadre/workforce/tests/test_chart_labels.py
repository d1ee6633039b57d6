"""Chart labels never overlap and are never cut without the full name beside them."""

from __future__ import annotations

import random
import re

from cadre.framework.path_view import route_svg
from cadre.workforce.charts import LABEL_CHARS, LABEL_LINES, bar_chart, line_chart, wrap_label


def test_long_labels_wrap_between_words_instead_of_being_cut() -> None:
    assert wrap_label("Product and delivery") == ["Product and delivery"]
    assert wrap_label("Architecture and technical design leadership and more words") == [
        "Architecture and", "technical design…"]
    svg = bar_chart("c", "Headcount", [("Product and delivery management", 12.0)])
    assert "Product and delivery" in svg and "deliv…" not in svg


def test_wrapped_labels_fit_their_column_on_random_names() -> None:
    rng = random.Random(12)
    words = ["data", "engineering", "product", "and", "delivery", "IT", "operations",
             "architecture", "quality", "assurance", "testing", "user-centred", "design"]
    for _ in range(300):
        label = " ".join(rng.choice(words) for _ in range(rng.randint(1, 9)))
        lines = wrap_label(label)
        assert 1 <= len(lines) <= LABEL_LINES
        assert all(len(line) <= LABEL_CHARS for line in lines)
        assert label.startswith(" ".join(line.rstrip("…") for line in lines).rstrip())


def test_bar_rows_never_overlap() -> None:
    items = [("Software development and engineering", 30.0), ("Data", 3.0),
             ("Quality assurance testing and accessibility", "[c]"), ("IT operations", 9.0)]
    svg = bar_chart("c", "Headcount", items)
    ys = [float(y) for y in re.findall(r'<rect x="\d+" y="([\d.]+)"', svg)]
    assert ys == sorted(ys) and all(b - a >= 20 for a, b in zip(ys, ys[1:], strict=False))
    height = float(re.search(r'viewBox="0 0 \d+ ([\d.]+)"', svg).group(1))
    spans = [float(y) for y in re.findall(r'<tspan x="[\d.]+" y="([\d.]+)"', svg)]
    assert max(spans) < height


def test_line_chart_labels_are_spaced_and_every_legend_fits() -> None:
    labels = [f"2025-{m:02d}-30" for m in range(1, 13)]
    svg = line_chart("l", "Over time", labels,
                     {"A": [1.0] * 12, "B": [2.0] * 12, "C": [3.0] * 12})
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle"',
                                       svg)]
    assert len(xs) >= 2
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= len(labels[0]) * 6.5
    height = float(re.search(r'viewBox="0 0 \d+ ([\d.]+)"', svg).group(1))
    legend_ys = [float(y) for y in re.findall(r'<rect x="\d+" y="([\d.]+)" width="12"', svg)]
    assert len(legend_ys) == 3 and max(legend_ys) + 9 < height


class _Level:
    def __init__(self, name: str) -> None:
        self.name = name


def test_path_finder_drawing_is_one_width_and_uses_the_govuk_font() -> None:
    short = route_svg([_Level("Developer"), _Level("Senior developer")], [3])
    long = route_svg([_Level(f"Lead technical architect level {i}") for i in range(6)],
                     [2, 2, 2, 2, 2])
    width = re.compile(r'viewBox="0 0 (\d+) ')
    assert width.search(short).group(1) == width.search(long).group(1)
    assert "GDS Transport" in long and 'role="img"' in long
