"""The questionnaires' pages: answering a review round or the questionnaire offered on joining,
the group's results and rhythm, and the organisation's questionnaires and their results.

Kept apart from views.py, which holds the coordinators' accompaniment of one group: these pages
are read by members, facilitators, coordinators and admins alike.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accompaniment import access, actions
from entraide.accompaniment.feedback import (
    MIN_ANSWERS_FOR_FIGURES,
    results,
    round_results,
)
from entraide.accompaniment.forms import (
    AnswersForm,
    QuestionForm,
    QuestionnaireForm,
    RhythmForm,
)
from entraide.accompaniment.models import Questionnaire, Respondent, Response, Review
from entraide.accounts.access import signed_in
from entraide.lib.refusals import Refused

# A member's side -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, slug: str) -> HttpResponse:
    """The open round's questionnaire: one answer per person, without their name."""
    mine = access.round_member(request, slug)
    group = mine.group
    rounds = list(group.reviews.all())
    current = next((r for r in rounds if r.status == Review.Status.OPEN), None)
    answered = (
        current is not None and Respondent.objects.filter(review=current, user=mine.user).exists()
    )
    form: AnswersForm | None = None
    if current is not None and current.questionnaire is not None and not answered:
        form = AnswersForm(
            request.POST if request.method == "POST" else None,
            questions=list(current.questionnaire.current_questions()),
        )
        if request.method == "POST" and form.is_valid():
            try:
                actions.answer_review(current, mine.user, form.answers())
            except Refused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request, _("Merci. Vos réponses sont enregistrées, sans votre nom.")
                )
            return redirect("accompaniment:review", slug=slug)
    elif request.method == "POST":
        return redirect("accompaniment:review", slug=slug)
    return render(
        request,
        "accompaniment/review.html",
        {
            "mine": mine,
            "group": group,
            "organisation": group.organisation,
            "review": current,
            "form": form,
            "answered": answered,
            "rhythm": actions.rhythm_of(group),
            "upcoming": next((r for r in rounds if r.status == Review.Status.SCHEDULED), None),
            "minimum": MIN_ANSWERS_FOR_FIGURES,
        },
    )


@require_safe
def group_results(request: HttpRequest, slug: str) -> HttpResponse:
    """What the group said in its rounds and, for its facilitators, what newcomers said on
    joining: figures and texts from five answers on, without names."""
    mine = access.round_member(request, slug)
    group = mine.group
    rounds = [
        (found, round_results(found))
        for found in group.reviews.filter(opened_at__isnull=False).order_by("-due_on")
    ]
    intake = (
        results(Response.objects.filter(group=group, review__isnull=True))
        if mine.is_facilitator
        else None
    )
    return render(
        request,
        "accompaniment/group_results.html",
        {
            "mine": mine,
            "group": group,
            "rounds": rounds,
            "intake": intake,
            "minimum": MIN_ANSWERS_FOR_FIGURES,
        },
    )


@require_http_methods(["GET", "POST"])
def rhythm(request: HttpRequest, slug: str) -> HttpResponse:
    """The facilitators choose how often the group takes stock."""
    mine = access.rhythm_keeper(request, slug)
    form = RhythmForm(request.POST or None, initial={"every_months": actions.rhythm_of(mine.group)})
    if request.method == "POST" and form.is_valid():
        actions.set_rhythm(mine.group, form.cleaned_data["every_months"], by=mine.user)
        messages.success(request, _("Le rythme des bilans est enregistré."))
        return redirect("accompaniment:review", slug=slug)
    return render(
        request,
        "accompaniment/rhythm.html",
        {
            "group": mine.group,
            "form": form,
            "upcoming": mine.group.reviews.filter(status=Review.Status.SCHEDULED).first(),
        },
    )


@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, slug: str) -> HttpResponse:
    """The questionnaire offered on joining: optional, skippable, never a condition."""
    mine = access.in_the_group(request, slug)
    offer = actions.intake_offer(mine)
    form: AnswersForm | None = None
    questionnaire: Questionnaire | None = None
    if offer is not None:
        questionnaire = actions.questionnaire_for(mine.group.organisation, actions.INTAKE)
        form = AnswersForm(
            request.POST if request.method == "POST" else None,
            questions=list(questionnaire.current_questions()),
        )
        if request.method == "POST" and form.is_valid():
            try:
                actions.answer_intake(mine, form.answers())
            except Refused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request, _("Merci. Vos réponses aideront le groupe à bien accueillir.")
                )
            return redirect("pages:group_space", slug=slug)
    elif request.method == "POST":
        return redirect("pages:group_space", slug=slug)
    return render(
        request,
        "accompaniment/intake.html",
        {"group": mine.group, "questionnaire": questionnaire, "form": form},
    )


@require_POST
def intake_aside(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Plus tard" or "Non merci": nothing changes for the person, anywhere."""
    mine = access.in_the_group(request, slug)
    for_good = request.POST.get("choice") == "no"
    actions.set_intake_aside(mine, for_good=for_good)
    if for_good:
        messages.success(request, _("C'est noté : ce questionnaire ne vous sera plus proposé."))
    else:
        messages.success(
            request, _("C'est noté. Le questionnaire reste sur la page du groupe, si vous voulez.")
        )
    if request.POST.get("next") == "mine":
        return redirect("pages:my_groups")
    return redirect("pages:group_space", slug=slug)


# The organisation's side --------------------------------------------------------------------


@require_safe
def questionnaires(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's questionnaires: the one offered on joining and the review's."""
    organisation = access.questionnaire_keepers(request, slug)
    found = [
        actions.questionnaire_for(organisation, purpose)
        for purpose in (actions.INTAKE, actions.REVIEW)
    ]
    return render(
        request,
        "accompaniment/questionnaires.html",
        {"organisation": organisation, "questionnaires": found},
    )


def _questionnaire_page(
    request: HttpRequest,
    questionnaire: Questionnaire,
    *,
    form: QuestionnaireForm | None = None,
    new_form: QuestionForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "accompaniment/questionnaire.html",
        {
            "organisation": questionnaire.organisation,
            "questionnaire": questionnaire,
            "questions": list(questionnaire.current_questions()),
            "form": form or QuestionnaireForm(instance=questionnaire),
            "new_form": new_form or QuestionForm(prefix="new"),
        },
    )


@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest, slug: str, questionnaire_id: int) -> HttpResponse:
    """Change the questionnaire's title and words of welcome, and its questions."""
    found = access.questionnaire_for_keeper(request, slug, questionnaire_id)
    if request.method == "POST":
        form = QuestionnaireForm(request.POST, instance=found)
        if not form.is_valid():
            return _questionnaire_page(request, found, form=form)
        actions.save_questionnaire(form.save(commit=False), by=signed_in(request))
        messages.success(request, _("Le questionnaire est enregistré."))
        return redirect("accompaniment:questionnaire", slug=slug, questionnaire_id=found.pk)
    return _questionnaire_page(request, found)


@require_POST
def question_add(request: HttpRequest, slug: str, questionnaire_id: int) -> HttpResponse:
    found = access.questionnaire_for_keeper(request, slug, questionnaire_id)
    form = QuestionForm(request.POST, prefix="new")
    if not form.is_valid():
        return _questionnaire_page(request, found, new_form=form)
    actions.add_question(found, form.words(), by=signed_in(request))
    messages.success(request, _("La question est ajoutée, à la fin."))
    return redirect("accompaniment:questionnaire", slug=slug, questionnaire_id=found.pk)


@require_http_methods(["GET", "POST"])
def question(
    request: HttpRequest, slug: str, questionnaire_id: int, question_id: int
) -> HttpResponse:
    """Reword a question; one already answered keeps its words for those answers."""
    found = access.question_for_keeper(request, slug, questionnaire_id, question_id)
    form = QuestionForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        # The question as it was: a frozen one is retired, not changed.
        found.refresh_from_db()
        actions.change_question(found, form.words(), by=signed_in(request))
        messages.success(request, _("La question est enregistrée."))
        return redirect("accompaniment:questionnaire", slug=slug, questionnaire_id=questionnaire_id)
    return render(
        request,
        "accompaniment/question.html",
        {
            "organisation": found.questionnaire.organisation,
            "questionnaire": found.questionnaire,
            "question": found,
            "answered": found.answers.exists(),
            "form": form,
        },
    )


@require_POST
def question_move(
    request: HttpRequest, slug: str, questionnaire_id: int, question_id: int
) -> HttpResponse:
    found = access.question_for_keeper(request, slug, questionnaire_id, question_id)
    actions.move_question(found, up=request.POST.get("direction") == "up", by=signed_in(request))
    return redirect("accompaniment:questionnaire", slug=slug, questionnaire_id=questionnaire_id)


@require_POST
def question_remove(
    request: HttpRequest, slug: str, questionnaire_id: int, question_id: int
) -> HttpResponse:
    found = access.question_for_keeper(request, slug, questionnaire_id, question_id)
    actions.remove_question(found, by=signed_in(request))
    messages.success(request, _("La question n'est plus posée. Les réponses déjà données restent."))
    return redirect("accompaniment:questionnaire", slug=slug, questionnaire_id=questionnaire_id)


@require_safe
def questionnaire_results(request: HttpRequest, slug: str, questionnaire_id: int) -> HttpResponse:
    """What the organisation's groups answered, all together: from five answers on."""
    found = access.questionnaire_for_keeper(request, slug, questionnaire_id)
    return render(
        request,
        "accompaniment/questionnaire_results.html",
        {
            "organisation": found.organisation,
            "questionnaire": found,
            "results": results(Response.objects.filter(questionnaire=found)),
            "groups": Response.objects.filter(questionnaire=found)
            .values("group")
            .distinct()
            .count(),
            "minimum": MIN_ANSWERS_FOR_FIGURES,
        },
    )
