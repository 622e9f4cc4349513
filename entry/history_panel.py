"""The indicator page's history panel: who changed its figures, targets and review status.

Drafts, figures waiting for review and reviewers' comments are internal: the panel shows them
to the readers `accounts.permissions.can_view_history` allows, and nobody else.
"""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from accounts import permissions as perms
from accounts.http import ActorRequest
from entry.selectors import indicator_history
from indicators.extensions import register_indicator_panel
from indicators.models import Indicator


def history_panel(request: HttpRequest, indicator: Indicator) -> SafeString:
    actor = cast(ActorRequest, request).actor
    may_read = perms.can_view_history(actor, indicator.department_id)
    context = {
        "history": indicator_history(indicator) if may_read else [],
        "may_read": may_read,
        "user": request.user,
    }
    return render_to_string("entry/_history.html", context, request=request)


def register() -> None:
    register_indicator_panel("entry-history", history_panel)
