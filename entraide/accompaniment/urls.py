from django.urls import path

from entraide.accompaniment import feedback_views, views

app_name = "accompaniment"

GROUP = "organisations/<slug:slug>/accompagnement/<slug:group_slug>/"
QUESTIONNAIRE = "organisations/<slug:slug>/questionnaires/<int:questionnaire_id>/"
QUESTION = f"{QUESTIONNAIRE}questions/<int:question_id>/"

urlpatterns = [
    path("organisations/<slug:slug>/accompagnement/", views.board, name="board"),
    path("organisations/<slug:slug>/thematiques/", views.themes, name="themes"),
    path("organisations/<slug:slug>/offres/", views.offers, name="offers"),
    path("organisations/<slug:slug>/offres/<int:offer_id>/", views.offer, name="offer"),
    path(
        "organisations/<slug:slug>/thematiques/<int:theme_id>/",
        views.proposed_theme,
        name="proposed_theme",
    ),
    path(GROUP, views.group, name="group"),
    path(f"{GROUP}rendez-vous/", views.propose_slot, name="propose_slot"),
    path(f"{GROUP}accepter/", views.accept, name="accept"),
    path(f"{GROUP}decliner/", views.decline, name="decline"),
    path(f"{GROUP}notes/", views.add_note, name="add_note"),
    path(f"{GROUP}soutien/<int:request_id>/", views.answer_support, name="answer_support"),
    path(f"{GROUP}soutien/<int:request_id>/clore/", views.close_support, name="close_support"),
    path(f"{GROUP}bilans/<int:review_id>/", views.review_detail, name="review_detail"),
    path(f"{GROUP}bilans/<int:review_id>/ouvrir/", views.open_review, name="open_review"),
    path("mes-groupes/<slug:slug>/soutien/", views.support, name="support"),
    path("mes-groupes/<slug:slug>/bilan/", feedback_views.review, name="review"),
    path(
        "mes-groupes/<slug:slug>/bilan/resultats/",
        feedback_views.group_results,
        name="group_results",
    ),
    path("mes-groupes/<slug:slug>/bilan/rythme/", feedback_views.rhythm, name="rhythm"),
    path("mes-groupes/<slug:slug>/accueil/", feedback_views.intake, name="intake"),
    path(
        "mes-groupes/<slug:slug>/accueil/plus-tard/",
        feedback_views.intake_aside,
        name="intake_aside",
    ),
    path(
        "organisations/<slug:slug>/questionnaires/",
        feedback_views.questionnaires,
        name="questionnaires",
    ),
    path(QUESTIONNAIRE, feedback_views.questionnaire, name="questionnaire"),
    path(
        f"{QUESTIONNAIRE}resultats/",
        feedback_views.questionnaire_results,
        name="questionnaire_results",
    ),
    path(f"{QUESTIONNAIRE}questions/", feedback_views.question_add, name="question_add"),
    path(QUESTION, feedback_views.question, name="question"),
    path(f"{QUESTION}deplacer/", feedback_views.question_move, name="question_move"),
    path(f"{QUESTION}retirer/", feedback_views.question_remove, name="question_remove"),
]
