from django.urls import path

from entraide.accompaniment import views

app_name = "accompaniment"

GROUP = "organisations/<slug:slug>/accompagnement/<slug:group_slug>/"

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
    path("mes-groupes/<slug:slug>/bilan/", views.review, name="review"),
]
