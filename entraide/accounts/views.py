import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from entraide.accounts.access import signed_in
from entraide.accounts.actions import delete_person
from entraide.accounts.forms import ConfirmsDisplayName, looks_like_full_name
from entraide.accounts.models import User
from entraide.accounts.personal_data import export_person
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib import places
from entraide.lib.languages import GROUP_LANGUAGES


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_lazy("Votre mot de passe, pour confirmer"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_lazy("Ce n'est pas le bon mot de passe."))
        return password


class ProfileForm(ConfirmsDisplayName, forms.ModelForm[User]):
    spoken = forms.MultipleChoiceField(
        label=_lazy("Les langues que vous parlez"),
        choices=GROUP_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "postal_code", "notify_join_requests"]
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}
        help_texts = {
            "postal_code": _lazy(
                "Pour montrer les groupes près de chez vous. Il n'est jamais montré à personne."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["spoken"].initial = [c for c in self.instance.spoken_languages.split(",") if c]

    def name_needs_confirming(self, name: str) -> bool:
        # A name kept before is not asked about at every save; the page points it out.
        return name != self.initial.get("display_name") and looks_like_full_name(name)

    def clean_postal_code(self) -> str:
        code = " ".join(str(self.cleaned_data.get("postal_code") or "").split())
        if code and places.resolve(code) is None:
            raise forms.ValidationError(
                _lazy("Nous ne connaissons pas ce code postal. Vérifiez-le, ou laissez vide.")
            )
        return code

    def save(self, commit: bool = True) -> User:
        self.instance.spoken_languages = ",".join(self.cleaned_data["spoken"])
        return super().save(commit)


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil est enregistré."))
        response = redirect("pages:account")
        # The language switch's cookie comes first: make it follow the new preference.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            person.preferred_language,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
            max_age=365 * 24 * 3600,
        )
        return response
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "surname_shown": looks_like_full_name(person.display_name)},
    )


@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete my account and everything the site holds about me, after my password."""
    person = signed_in(request)
    form = DeleteAccountForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        delete_person(person)
        logout(request)
        messages.success(request, _("Votre compte est supprimé. Prenez soin de vous."))
        return redirect("pages:home")
    return render(request, "accounts/delete.html", {"form": form})


@require_http_methods(["GET", "POST"])
def export_my_data(request: HttpRequest) -> HttpResponse:
    """Download my data: what the file holds, then the file itself (never kept in a cache)."""
    person = signed_in(request)
    if request.method == "POST":
        data = json.dumps(export_person(person), ensure_ascii=False, indent=2)
        record(AuditEvent.Action.DATA_EXPORTED, by=person, subject=person)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename="entraide-mes-donnees.json"
        )
        return response
    return render(request, "accounts/export.html")


@require_POST
def keep_session(request: HttpRequest) -> HttpResponse:
    """Keep a session open, from the warning before it ends (session.js): this request is
    activity, and each one pushes the end back (organisations' IdleSessionMiddleware). The
    script asks for nothing back; the form without it returns to its page."""
    back = request.POST.get("next", "")
    # An address, never a view's name: `redirect` would try to reverse anything else.
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(back)
    return HttpResponse(status=204)
