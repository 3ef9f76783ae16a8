"""The personal API tokens' pages, under « Mon compte »: the list, making one (its secret shown
once, on the page that answers the form, never again), and revoking one."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.accounts.access import signed_in
from entraide.api import access, actions
from entraide.api.forms import TokenForm
from entraide.api.models import ApiToken
from entraide.lib.refusals import Refused


@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """My tokens, and the form to make one; once made, its secret, this once."""
    person = signed_in(request)
    form = TokenForm(request.POST or None)
    secret = ""
    made: ApiToken | None = None
    if request.method == "POST" and form.is_valid():
        try:
            made, secret = actions.create_token(
                person,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.expires_at(),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            # A fresh form: the secret is on this page only, never in a redirect or a message.
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "made": made,
            "secret": secret,
            "tokens": ApiToken.objects.filter(user=person),
            "api_url": request.build_absolute_uri(reverse("api:api-root")),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of my tokens: it stops working at once."""
    token = access.own_token(request, token_id)
    name = token.name
    actions.revoke_token(token)
    messages.success(
        request, _("Le jeton « %(name)s » est supprimé : il ne marche plus.") % {"name": name}
    )
    return redirect("api_tokens:list")
