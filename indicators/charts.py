"""Chart figures as plain data for plotly.js: no `go.Figure` per request (validation costs
~1 ms a figure). Numbers shown to people are written by `indicators.display`; the template
hands the dict over with `json_script` and static/js/charts.js draws it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from indicators import display
from indicators.computations import is_rate_unit
from indicators.models import Indicator, Target, Value
from indicators.selectors import IndicatorYear

SOURCE_COLOURS = {"council": "#0d6efd", "province": "#6f42c1", "term": "#fd7e14"}


def _measure(value: Decimal | None, indicator: Indicator) -> str:
    # Hover text keeps a space before every unit, "%" and "‰" included.
    return f"{display.figure(value, indicator.decimals)} {indicator.unit}"


# Characters on a line of a bar's name: names wrap whole (cut at ~40 characters, two long
# names read alike); the JS wraps them narrower on a phone, from `layout.meta.names`.
NAME_LINE = 32


def wrap(name: str, width: int = NAME_LINE) -> str:
    """A name on lines of at most `width` characters, broken between words (`<br>`, as plotly
    writes a line break); a word longer than a line keeps its line to itself."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _names_axis(rows: Sequence[IndicatorYear]) -> dict[str, Any]:
    """Bars are placed by indicator code and labelled with the whole name, wrapped: two names
    alike must not fall on one category (plotly would stack their bars)."""
    return {
        "automargin": True,
        "tickmode": "array",
        "tickvals": [r.indicator.code for r in rows],
        "ticktext": [wrap(r.indicator.display_name) for r in rows],
        "tickfont": {"size": 11},
    }


def _names_meta(
    rows: Sequence[IndicatorYear], values: Sequence[float], labels: Sequence[str], **range_: Any
) -> dict[str, Any]:
    """For a phone (the JS): the whole names, to wrap them narrower, and the value axis with
    the labels' larger share of a narrow chart."""
    return {
        "names": [r.indicator.display_name for r in rows],
        "narrow_range": _value_range(values, labels, narrow=True, **range_),
    }


def _value_range(
    values: Sequence[float], labels: Sequence[str], *, including: float = 0, narrow: bool = False
) -> list[float]:
    """The value axis with room for the labels written outside the bars, on both sides: a
    label is neither clipped at the edge nor written over the names (a negative bar's label
    goes left of it). A label of n characters takes about 2.8·n % of a chart's width (4.5·n %
    on a phone, `narrow`): the room beyond the longest bar is that share of the whole axis."""
    low = min([*values, including, 0.0])
    high = max([*values, including, 0.0])
    per_character, most = (0.045, 0.55) if narrow else (0.028, 0.45)
    share = min(most, per_character * max((len(label) for label in labels), default=6))
    pad = (high - low) * share / (1 - share) or 1.0
    return [low - pad if low < 0 else low, high + pad]


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "title": {"text": title, "font": {"size": 15}, "x": 0, "xanchor": "left"},
        "separators": display.plotly_separators(),
        "margin": {"l": 10, "r": 20, "t": 40, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "showlegend": False,
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    }
    layout.update(extra)
    return layout


def _hundred_line(horizontal: bool) -> dict[str, Any]:
    line = {"type": "line", "line": {"color": "#212529", "width": 1.5, "dash": "dash"}}
    if horizontal:
        return {**line, "x0": 100, "x1": 100, "y0": 0, "y1": 1, "yref": "paper"}
    return {**line, "y0": 100, "y1": 100, "x0": 0, "x1": 1, "xref": "paper"}


def _bar_height(rows: Sequence[IndicatorYear]) -> int:
    """Room for each bar's name on its lines (a line of 11px type takes about 14px)."""
    lines = [wrap(r.indicator.display_name).count("<br>") + 1 for r in rows]
    return max(260, 70 + sum(max(28, 15 * n + 10) for n in lines))


def completion_chart(rows: Sequence[IndicatorYear], title: str | None = None) -> dict[str, Any]:
    """Completion of each indicator with a plan, against a 100% line, coloured by status."""
    rows = [r for r in rows if r.completion_pct is not None][::-1]
    hover = [
        f"{r.indicator.display_name}<br>"
        f"{_('Thực hiện')}: {_measure(r.actual, r.indicator)}"
        f"{' (' + _('ước') + ')' if r.actual_kind == 'estimate' else ''}<br>"
        f"{_('Kế hoạch')}: {_measure(r.plan, r.indicator)}<br>"
        f"{_('Đạt')}: {display.percent(r.completion_pct)}"
        for r in rows
    ]
    x = [float(min(pct, Decimal(200))) for r in rows if (pct := r.completion_pct) is not None]
    texts = [display.percent(r.completion_pct) for r in rows]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": x,
                "y": [r.indicator.code for r in rows],
                "marker": {"color": [display.status_words(r.status).colour for r in rows]},
                "text": texts,
                "textposition": "outside",
                "cliponaxis": False,
                "hovertext": hover,
                "hoverinfo": "text",
            }
        ],
        "layout": _layout(
            title or _("Mức hoàn thành kế hoạch (%)"),
            height=_bar_height(rows),
            shapes=[_hundred_line(horizontal=True)],
            xaxis={
                "ticksuffix": "%",
                "range": _value_range(x, texts, including=100),
                "zeroline": False,
            },
            yaxis=_names_axis(rows),
            meta=_names_meta(rows, x, texts, including=100),
        ),
    }


def yoy_chart(rows: Sequence[IndicatorYear], title: str | None = None) -> dict[str, Any]:
    """Change on the same period last year of quantities, in %. Rates change in points and
    have their own chart (`yoy_points_chart`): % and points on one axis read as one scale."""
    return _change_chart(
        [r for r in rows if not r.is_rate],
        title or _("Thay đổi so với cùng kỳ (%)"),
        suffix="%",
    )


def yoy_points_chart(rows: Sequence[IndicatorYear], title: str | None = None) -> dict[str, Any]:
    """Change on the same period last year of rates (% and ‰), in points."""
    return _change_chart(
        [r for r in rows if r.is_rate], title or _("Thay đổi so với cùng kỳ của các tỷ lệ (điểm)")
    )


CHANGE_GOOD, CHANGE_BAD, CHANGE_NEUTRAL = "#198754", "#dc3545", "#6c757d"


def change_colour(row: IndicatorYear, change: Decimal | None) -> str:
    """Green when the change goes the good way (fewer traffic deaths is good news), red when
    it goes the bad way, grey when the catalogue says it is neither (more violations detected
    is not worse)."""
    if getattr(row.indicator, "change_is_neutral", False):
        return CHANGE_NEUTRAL
    good = ((change or 0) >= 0) == (row.indicator.direction == "higher")
    return CHANGE_GOOD if good else CHANGE_BAD


def _change_chart(rows: Sequence[IndicatorYear], title: str, suffix: str = "") -> dict[str, Any]:
    rows = [r for r in rows if r.change is not None][::-1]
    values = [r.change for r in rows]
    labels = [
        (
            display.points_text(display.number(v, 2), r.indicator.unit)
            if r.is_rate
            else display.percent(v)
        )
        for r, v in zip(rows, values, strict=True)
    ]
    x = [float(v) for v in values if v is not None]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": x,
                "y": [r.indicator.code for r in rows],
                "marker": {
                    "color": [change_colour(r, v) for r, v in zip(rows, values, strict=True)]
                },
                "text": labels,
                "textposition": "outside",
                "cliponaxis": False,
                "hovertext": [
                    f"{r.indicator.display_name}<br>{lab}"
                    for r, lab in zip(rows, labels, strict=True)
                ],
                "hoverinfo": "text",
            }
        ],
        "layout": _layout(
            title,
            height=_bar_height(rows),
            xaxis={
                "zeroline": True,
                "zerolinecolor": "#212529",
                "ticksuffix": suffix,
                "range": _value_range(x, labels),
            },
            yaxis=_names_axis(rows),
            meta=_names_meta(rows, x, labels),
        ),
    }


def next_plan_chart(rows: Sequence[IndicatorYear], title: str | None = None) -> dict[str, Any]:
    """Next year's plan against this year's actual: the growth the plan asks for, for
    quantities; a rate's plan asks for points (the table shows them), not a ratio of two
    percentages (95% on 60% is not "158,3%")."""
    rows = [r for r in rows if r.next_plan_vs_actual_pct is not None and not r.is_rate][::-1]
    hover = [
        f"{r.indicator.display_name}<br>"
        f"{_('Thực hiện')} {r.year}: {_measure(r.actual, r.indicator)}<br>"
        f"{_('Kế hoạch')} {r.year + 1}: {_measure(r.next_plan, r.indicator)}"
        for r in rows
    ]
    x = [float(r.next_plan_vs_actual_pct) for r in rows]  # type: ignore[arg-type]
    texts = [display.percent(r.next_plan_vs_actual_pct) for r in rows]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": x,
                "y": [r.indicator.code for r in rows],
                "marker": {"color": "#6f42c1"},
                "text": texts,
                "textposition": "outside",
                "cliponaxis": False,
                "hovertext": hover,
                "hoverinfo": "text",
            }
        ],
        "layout": _layout(
            title or _("Kế hoạch năm sau so với thực hiện năm nay (%)"),
            height=_bar_height(rows),
            shapes=[_hundred_line(horizontal=True)],
            xaxis={"ticksuffix": "%", "range": _value_range(x, texts, including=100)},
            yaxis=_names_axis(rows),
            meta=_names_meta(rows, x, texts, including=100),
        ),
    }


def _period(value: Value | Target) -> str:
    return str(value.year) if value.quarter is None else f"{value.year}-Q{value.quarter}"


def series_chart(
    indicator: Indicator, values: Sequence[Value], targets: Sequence[Target]
) -> dict[str, Any]:
    """The indicator over the years (and quarters), with every baseline as a target line."""
    unit = indicator.unit
    traces = [
        *_yearly_traces(indicator, values),
        *_quarter_traces(indicator, values),
        *_target_traces(indicator, targets),
    ]
    suffix = unit.strip() if is_rate_unit(unit) else ""
    return {
        "data": traces,
        "layout": _layout(
            f"{indicator.display_name} ({unit})",
            height=360,
            showlegend=True,
            legend={"orientation": "h", "y": -0.2},
            xaxis={"type": "category"},
            yaxis={"ticksuffix": suffix, "rangemode": "tozero", "automargin": True},
        ),
    }


def _yearly_traces(indicator: Indicator, values: Sequence[Value]) -> list[dict[str, Any]]:
    """Whole-year values: a line of official figures and a dotted one of estimates."""
    traces: list[dict[str, Any]] = []
    yearly = [v for v in values if v.is_whole_year]
    for kind, label, symbol in (
        ("actual", _("Thực hiện"), "circle"),
        ("estimate", _("Ước thực hiện"), "circle-open"),
    ):
        points = sorted(
            (v for v in yearly if v.kind == kind), key=lambda v: (v.year, v.report.date or 0)
        )
        if not points:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": label,
                "x": [str(v.year) for v in points],
                "y": [float(v.value) for v in points],
                "marker": {"size": 10, "symbol": symbol, "color": "#212529"},
                "line": {"color": "#212529", "dash": "solid" if kind == "actual" else "dot"},
                "hovertext": [
                    f"{label} {v.year}: {_measure(v.value, indicator)}<br>{v.report.number}"
                    for v in points
                ],
                "hoverinfo": "text",
            }
        )
    return traces


def _quarter_traces(indicator: Indicator, values: Sequence[Value]) -> list[dict[str, Any]]:
    """Quarter values as grey bars; none when the indicator has no quarter figures."""
    quarters = sorted(
        (v for v in values if v.quarter is not None), key=lambda v: (v.year, v.quarter)
    )
    if not quarters:
        return []
    return [
        {
            "type": "bar",
            "name": _("Theo quý"),
            "x": [_period(v) for v in quarters],
            "y": [float(v.value) for v in quarters],
            "marker": {"color": "#adb5bd"},
            "hovertext": [f"{_period(v)}: {_measure(v.value, indicator)}" for v in quarters],
            "hoverinfo": "text",
        }
    ]


def _target_traces(indicator: Indicator, targets: Sequence[Target]) -> list[dict[str, Any]]:
    """One dashed line of whole-year targets per plan source (council, province, term)."""
    labels = {
        "council": _("KH HĐND"),
        "province": _("KH tỉnh giao"),
        "term": _("Mục tiêu nhiệm kỳ"),
    }
    traces: list[dict[str, Any]] = []
    for source, colour in SOURCE_COLOURS.items():
        points = sorted(
            (t for t in targets if t.source == source and t.is_whole_year), key=lambda t: t.year
        )
        if not points:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": labels[source],
                "x": [str(t.year) for t in points],
                "y": [float(t.value) for t in points],
                "marker": {"symbol": "line-ew-open", "size": 18, "color": colour},
                "line": {"color": colour, "dash": "dash", "width": 1.5},
                "hovertext": [
                    f"{labels[source]} {t.year}: {_measure(t.value, indicator)}"
                    f"{' (' + _('số suy ra') + ')' if t.is_derived else ''}"
                    for t in points
                ],
                "hoverinfo": "text",
            }
        )
    return traces
