"""Panels that apps above the domain add to the indicator page.

The domain imports none of the apps built on it; an app that has something to show about an
indicator (the entry app: who changed its figures) registers a panel here when it starts, and
the indicator page renders every registered panel in order.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from indicators.models import Indicator

IndicatorPanel = Callable[[HttpRequest, Indicator], SafeString]

_panels: dict[str, IndicatorPanel] = {}


def register_indicator_panel(name: str, panel: IndicatorPanel) -> None:
    """Add (or replace, by name: apps may start twice in tests) a panel of the indicator page."""
    _panels[name] = panel


def indicator_panels(request: HttpRequest, indicator: Indicator) -> list[SafeString]:
    """The registered panels rendered for this request, empty ones left out."""
    rendered = [panel(request, indicator) for panel in _panels.values()]
    return [html for html in rendered if html]
