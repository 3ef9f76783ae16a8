from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class SiteLabel:
    """What allauth's e-mails call the site: our name, not the server's host and port."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's own account e-mails (confirming an address, resetting a password, a login
        code) stay in the request, unlike every other message (entraide.notifications): they
        carry one-time secrets that would otherwise wait in the database, their contexts are
        allauth's to build, and the person is waiting for them on the page."""
        site = SiteLabel(settings.SITE_NAME, urlsplit(settings.SITE_URL).netloc)
        super().send_mail(template_prefix, email, {**context, "current_site": site})

    def get_email_confirmation_url(self, request: HttpRequest | None, confirmation: Any) -> str:
        """The confirmation link carries the way back to the page the person came from (a
        group's "Ça m'intéresse", a formation invitation), through the login page: the link
        is often opened elsewhere than where one signed up (a phone's mail app), so the
        session cannot carry it. Only a path of this site travels (allauth's own check)."""
        url: str = super().get_email_confirmation_url(request, confirmation)
        way_back = get_next_redirect_url(request) if request is not None else None
        if not way_back:
            return url
        login = reverse("account_login")
        if not way_back.startswith(login):
            way_back = f"{login}?{urlencode({'next': way_back})}"
        return f"{url}?{urlencode({'next': way_back})}"
