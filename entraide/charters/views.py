"""The charter's pages, under the group's private space (/mes-groupes/<slug>/charte/)."""

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.charters import access, actions
from entraide.charters.forms import CommentDecisionForm, CommentForm, ConsentForm, SectionForm
from entraide.charters.models import (
    PARTICIPANT_ROLES,
    Charter,
    Comment,
    Consent,
    in_force,
    in_progress,
)
from entraide.charters.pdf import charter_pdf
from entraide.charters.questions import PARTS, QUESTIONS, Question
from entraide.lib.refusals import Refused
from entraide.membership.access import facilitation
from entraide.membership.models import Membership


def _version_url(charter: Charter) -> str:
    return reverse(
        "charters:version", kwargs={"slug": charter.group.slug, "version": charter.version}
    )


def _section_url(charter: Charter, key: str) -> str:
    return reverse(
        "charters:section",
        kwargs={"slug": charter.group.slug, "version": charter.version, "key": key},
    )


@require_safe
def charter(request: HttpRequest, slug: str) -> HttpResponse:
    """The charter in force, to read and sign; for members, where the next version stands."""
    mine = access.reader(request, slug)
    group = mine.group
    current = in_force(group)
    participates = mine.role in PARTICIPANT_ROLES
    signatures = (
        list(current.signatures.select_related("user").order_by("user__display_name"))
        if current is not None and participates
        else []
    )
    return render(
        request,
        "charters/charter.html",
        {
            "mine": mine,
            "group": group,
            "current": current,
            "participates": participates,
            "work": in_progress(group) if participates else None,
            "signatures": signatures,
            "signed": any(s.user_id == mine.user_id for s in signatures),
            "participant_count": actions.participants(group).count() if participates else 0,
            "has_history": participates and group.charters.exists(),
        },
    )


@require_safe
def history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every version with its dates; those once adopted can be read and printed."""
    mine = access.participation(request, slug)
    versions = mine.group.charters.order_by("-version")
    return render(
        request, "charters/history.html", {"mine": mine, "group": mine.group, "versions": versions}
    )


def _version_page(
    request: HttpRequest,
    mine: Membership,
    charter: Charter,
    consent_form: ConsentForm | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {"mine": mine, "group": mine.group, "charter": charter}
    if charter.in_progress:
        open_comments = dict(
            charter.comments.filter(status=Comment.Status.OPEN)
            .values_list("question")
            .annotate(count=Count("pk"))
            .values_list("question", "count")
        )
        context["parts"] = [
            (title, [(q, answer, open_comments.get(q.key, 0)) for q, answer in rows])
            for title, rows in charter.parts()
        ]
        if charter.status == Charter.Status.CONSENT:
            people = list(actions.participants(mine.group))
            answers = {c.user_id: c for c in charter.consents.all()}
            mine_answer = answers.get(mine.user_id)
            context.update(
                consented=[
                    m
                    for m in people
                    if m.user_id in answers
                    and answers[m.user_id].decision == Consent.Decision.CONSENT
                ],
                objections=[
                    (m, answers[m.user_id])
                    for m in people
                    if m.user_id in answers
                    and answers[m.user_id].decision == Consent.Decision.OBJECT
                ],
                waiting=[m for m in people if m.user_id not in answers],
                my_answer=mine_answer,
                consent_form=consent_form
                or ConsentForm(
                    initial={"decision": mine_answer.decision, "reason": mine_answer.reason}
                    if mine_answer
                    else None
                ),
            )
    else:
        context["parts"] = charter.parts()
        context["signature_count"] = charter.signatures.count()
    return render(request, "charters/version.html", context)


@require_safe
def version(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """One version, all its sections in the seed's two parts; consent when it is asked."""
    mine, charter = access.version_to_read(request, slug, version)
    return _version_page(request, mine, charter)


def _section_page(
    request: HttpRequest,
    mine: Membership,
    charter: Charter,
    question: Question,
    section_form: SectionForm | None = None,
    comment_form: CommentForm | None = None,
) -> HttpResponse:
    keys = [q.key for q in QUESTIONS]
    index = keys.index(question.key)
    if section_form is None and mine.is_facilitator:
        section_form = SectionForm(initial={"answer": charter.answer(question.key)})
    return render(
        request,
        "charters/section.html",
        {
            "mine": mine,
            "group": mine.group,
            "charter": charter,
            "question": question,
            "answer": charter.answer(question.key),
            "part": PARTS[question.part],
            "number": index + 1,
            "total": len(keys),
            "previous": QUESTIONS[index - 1] if index > 0 else None,
            "next": QUESTIONS[index + 1] if index + 1 < len(keys) else None,
            "section_form": section_form,
            "comment_form": comment_form or CommentForm(),
            "comments": charter.comments.filter(question=question.key).select_related("author"),
        },
    )


@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, slug: str, version: int, key: str) -> HttpResponse:
    """One question: the seed's suggestion, the group's text, the members' comments.

    Members read and comment; facilitators also write the text. "Partir de la suggestion"
    puts the suggestion into the field without saving it, so that it works without JavaScript.
    """
    question = access.question(key)
    if request.method != "POST":
        mine, charter = access.version_in_progress(request, slug, version)
        return _section_page(request, mine, charter, question)
    mine, charter = access.version_to_write(request, slug, version)
    if "use_suggestion" in request.POST:
        messages.info(
            request,
            _("La suggestion est dans le champ : adaptez-la à votre groupe, puis enregistrez."),
        )
        form = SectionForm(initial={"answer": str(question.suggestion)})
        return _section_page(request, mine, charter, question, section_form=form)
    form = SectionForm(request.POST)
    if not form.is_valid():
        return _section_page(request, mine, charter, question, section_form=form)
    was_in_consent = charter.status == Charter.Status.CONSENT
    try:
        charter = actions.write_section(charter, key, form.cleaned_data["answer"], by=mine)
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return _section_page(request, mine, charter, question, section_form=form)
    if was_in_consent and charter.status == Charter.Status.DRAFT:
        messages.warning(
            request,
            _(
                "Le texte a changé : la charte est revenue en préparation et les consentements "
                "donnés sont effacés. Redemandez le consentement quand le texte est prêt."
            ),
        )
    else:
        messages.success(request, _("Section enregistrée."))
    index = [q.key for q in QUESTIONS].index(key)
    if index + 1 < len(QUESTIONS):
        return redirect(_section_url(charter, QUESTIONS[index + 1].key))
    return redirect(_version_url(charter))


@require_POST
def comment(request: HttpRequest, slug: str, version: int, key: str) -> HttpResponse:
    """A member comments on a section, or proposes another wording."""
    question = access.question(key)
    mine, charter = access.version_in_progress(request, slug, version)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _section_page(request, mine, charter, question, comment_form=form)
    actions.add_comment(
        charter, key, form.cleaned_data["text"], form.cleaned_data["proposal"], by=mine.user
    )
    messages.success(request, _("Merci, votre commentaire est ajouté."))
    return redirect(_section_url(charter, key) + "#commentaires")


@require_POST
def decide_comment(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    """A facilitator takes a proposed wording into the text, or sets a comment aside."""
    mine, found = access.comment_to_decide(request, slug, comment_id)
    form = CommentDecisionForm(request.POST)
    if form.is_valid():
        was_in_consent = found.charter.status == Charter.Status.CONSENT
        try:
            if form.cleaned_data["decision"] == "take":
                actions.take_proposal(found, by=mine)
                found.charter.refresh_from_db()
                if was_in_consent and found.charter.status == Charter.Status.DRAFT:
                    messages.warning(
                        request,
                        _(
                            "La proposition est reprise. Le texte a changé : la charte est "
                            "revenue en préparation et les consentements donnés sont effacés."
                        ),
                    )
                else:
                    messages.success(request, _("La proposition est reprise dans le texte."))
            else:
                actions.set_aside(found, by=mine)
                messages.success(request, _("Le commentaire est mis de côté."))
        except Refused as refusal:
            messages.error(request, refusal.message)
    return redirect(_section_url(found.charter, found.question) + "#commentaires")


@require_POST
def ask_consent(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """A facilitator asks every member for their consent, once each section has an answer."""
    mine, charter = access.version_to_write(request, slug, version)
    try:
        actions.ask_for_consent(charter, by=mine)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Le consentement est demandé. Chaque membre reçoit un e-mail."))
    return redirect(_version_url(charter))


@require_POST
def consent(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """A member consents, or objects with a reason; consenting withdraws an objection."""
    mine, charter = access.version_in_progress(request, slug, version)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return _version_page(request, mine, charter, consent_form=form)
    try:
        actions.answer_consent(
            charter, form.cleaned_data["decision"], form.cleaned_data["reason"], by=mine
        )
    except Refused as refusal:
        # The text changed meanwhile: the page now shows it, in preparation.
        messages.error(request, refusal.message)
        return redirect(_version_url(charter))
    charter.refresh_from_db()
    if charter.status == Charter.Status.ADOPTED:
        messages.success(
            request,
            _("La charte est adoptée : personne ne s'y oppose. Chacun peut maintenant la signer."),
        )
        return redirect("charters:charter", slug=slug)
    if form.cleaned_data["decision"] == Consent.Decision.OBJECT:
        messages.success(request, _("Votre objection est notée et montrée au groupe."))
    else:
        messages.success(request, _("Merci, votre consentement est noté."))
    return redirect(_version_url(charter))


@require_POST
def sign(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """A member signs their commitment to the charter in force (seed 000: "signer un accord")."""
    mine, charter = access.version_to_sign(request, slug, version)
    try:
        actions.sign(charter, by=mine)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Merci, votre engagement est signé."))
    return redirect("charters:charter", slug=slug)


@require_POST
def new_version(request: HttpRequest, slug: str) -> HttpResponse:
    """A facilitator starts the first charter, or a change to the one in force."""
    mine = facilitation(request, slug)
    try:
        charter = actions.start_new_version(mine.group, by=mine)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("charters:charter", slug=slug)
    return redirect(_version_url(charter))


@require_safe
def pdf(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """A version once adopted, as a PDF to print and pin up: no personal data in it."""
    _mine, charter = access.adopted_version(request, slug, version)
    response = HttpResponse(charter_pdf(charter), content_type="application/pdf")
    filename = f"charte-{charter.group.slug}-v{charter.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
