from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


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
