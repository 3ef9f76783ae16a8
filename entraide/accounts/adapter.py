import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from django import forms
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from entraide.lib.dates import wait_label
from entraide.lib.ratelimit import Backoff


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

    # Failed logins slow down the one who fails, from where they fail (LOGIN_BACKOFF in the
    # settings): waits that grow, keyed on the account and the address together, so that
    # nobody can lock a person out of their account from elsewhere; and, much later, on the
    # address alone, against one address trying many accounts. allauth's own limit, which
    # locked an account for everyone and an address for everyone behind it, is off.

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        account, address = login_keys(self, request, credentials)
        wait = max(by_account_and_address().wait(account), by_address().wait(address))
        if wait:
            raise too_many_failures(wait)

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user: AbstractBaseUser | None = super().authenticate(request, **credentials)
        if user is not None:
            by_account_and_address().clear(login_keys(self, request, credentials)[0])
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        account, address = login_keys(self, request, credentials)
        wait = max(by_account_and_address().failed(account), by_address().failed(address))
        if wait:
            raise too_many_failures(wait)


def by_account_and_address() -> Backoff:
    return Backoff("login", **settings.LOGIN_BACKOFF)


def by_address() -> Backoff:
    return Backoff("login-address", **settings.LOGIN_BACKOFF_ADDRESS)


def login_keys(
    adapter: DefaultAccountAdapter, request: HttpRequest, credentials: dict[str, Any]
) -> tuple[str, str]:
    """The keys of a login attempt: the account as typed (known or not, so that waiting tells
    nothing) with the address, and the address alone. An IPv6 address counts by its /64, the
    block one home or one phone is given."""
    login = str(credentials.get("email") or credentials.get("username") or "").strip().lower()
    try:
        address = ipaddress.ip_address(adapter.get_client_ip(request))
    except (PermissionDenied, ValueError):
        place = "unknown"
    else:
        network = ipaddress.ip_network(f"{address}/{64 if address.version == 6 else 32}", False)
        place = str(network)
    return f"{login} {place}", place


def too_many_failures(wait: int) -> forms.ValidationError:
    return forms.ValidationError(
        _("Trop d'essais manqués. Par sécurité, attendez %(wait)s avant de réessayer.")
        % {"wait": wait_label(wait)},
        code="too_many_login_attempts",
    )
