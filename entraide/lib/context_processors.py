from typing import Any

from django.conf import settings
from django.http import HttpRequest

from entraide.lib.dates import wait_label

# Sessions that end within a day without activity (staff's hour) warn before they end.
WARN_UP_TO_SECONDS = 24 * 3600
# How long before the end the warning comes: five minutes, or a quarter of a short limit.
WARNING_SECONDS = 300


def site(request: HttpRequest) -> dict[str, Any]:
    return {"SITE_NAME": settings.SITE_NAME}


def session_time_limit(request: HttpRequest) -> dict[str, Any]:
    """When a signed-in person's session ends without activity, for `session_warning.html`:
    the page warns before the end and lets them keep it open (RGAA 13.1)."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or session is None or not user.is_authenticated:
        return {}
    if session.get_expire_at_browser_close():
        return {}
    idle = session.get_expiry_age()
    if idle > WARN_UP_TO_SECONDS:
        return {}
    warn = min(WARNING_SECONDS, idle // 4)
    return {"session_limit": {"idle": idle, "warn": warn, "warn_label": wait_label(warn)}}
