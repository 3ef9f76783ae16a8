from django.urls import path

from entraide.pairing import line_urls, views

app_name = "pairing"

TEAM = "organisations/<slug:slug>/programmes/"
PROGRAMME = f"{TEAM}<int:programme_id>/"
APPLICATION = f"{PROGRAMME}candidatures/<int:application_id>/"
MINE = "mes-demarches-individuelles/"

urlpatterns = [
    path("programmes/<int:programme_id>/", views.programme, name="programme"),
    path("programmes/<int:programme_id>/devenir-pair/", views.apply, name="apply"),
    path("programmes/<int:programme_id>/demander-un-pair/", views.ask, name="ask"),
    path(MINE, views.mine, name="mine"),
    path(f"{MINE}candidature/<int:application_id>/", views.my_application, name="my_application"),
    path(
        f"{MINE}candidature/<int:application_id>/retirer/",
        views.withdraw_application,
        name="withdraw_application",
    ),
    path(f"{MINE}candidature/<int:application_id>/echange/", views.ask_debrief, name="debrief"),
    path(f"{MINE}demande/<int:peer_request_id>/", views.my_request, name="my_request"),
    path(
        f"{MINE}demande/<int:peer_request_id>/retirer/",
        views.withdraw_request,
        name="withdraw_request",
    ),
    path(TEAM, views.team_list, name="team_list"),
    path(f"{TEAM}nouveau/", views.team_new, name="team_new"),
    path(PROGRAMME, views.team_detail, name="team_detail"),
    path(f"{PROGRAMME}modifier/", views.team_edit, name="team_edit"),
    path(f"{PROGRAMME}modules/", views.team_module, name="team_module"),
    path(APPLICATION, views.team_application, name="team_application"),
    path(f"{APPLICATION}entretien/", views.team_interview, name="team_interview"),
    path(f"{APPLICATION}notes/", views.team_notes, name="team_notes"),
    path(f"{APPLICATION}decision/", views.team_decide, name="team_decide"),
    path(f"{APPLICATION}formation/", views.team_training, name="team_training"),
    path(
        f"{APPLICATION}echanges/<int:debrief_id>/fait/",
        views.team_debrief_done,
        name="team_debrief_done",
    ),
    path(f"{PROGRAMME}demandes/<int:peer_request_id>/", views.team_request, name="team_request"),
]

# A listening line's rota (part 6), in its own file.
urlpatterns += line_urls.urlpatterns
