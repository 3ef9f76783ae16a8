from django.urls import path

from entraide.pairing import change_views, line_urls, pair_views, views

app_name = "pairing"

TEAM = "organisations/<slug:slug>/programmes/"
PROGRAMME = f"{TEAM}<int:programme_id>/"
APPLICATION = f"{PROGRAMME}candidatures/<int:application_id>/"
MINE = "mes-demarches-individuelles/"
PAIR = f"{MINE}jumelage/<int:pair_id>/"
PAIRS = f"{PROGRAMME}jumelages/"
TOGETHER = f"{MINE}programmes/<int:programme_id>/ensemble/"
CHANGE = f"{TOGETHER}propositions/<int:change_id>/"

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
    # Pairs (parts 4 and 5)
    path(PAIRS, pair_views.team_pairs, name="team_pairs"),
    path(f"{PAIRS}proposer/", pair_views.team_propose, name="team_propose"),
    path(f"{PAIRS}<int:pair_id>/", pair_views.team_pair, name="team_pair"),
    path(
        f"{PROGRAMME}demandes/<int:peer_request_id>/pairs-possibles/",
        pair_views.team_candidates,
        name="team_candidates",
    ),
    path(f"{MINE}jumelages/", pair_views.my_pairs, name="my_pairs"),
    path(PAIR, pair_views.my_pair, name="my_pair"),
    path(f"{PAIR}accepter/", pair_views.accept, name="accept_pair"),
    path(f"{PAIR}refuser/", pair_views.decline, name="decline_pair"),
    path(f"{PAIR}ecrire/", pair_views.write, name="write_pair"),
    path(f"{PAIR}telephone/", pair_views.phone, name="pair_phone"),
    path(f"{PAIR}terminer/", pair_views.end, name="end_pair"),
    path(f"{PAIR}point/<int:checkin_id>/", pair_views.checkin, name="checkin"),
    path(
        f"{MINE}demande/<int:peer_request_id>/autre-pair/",
        pair_views.ask_again,
        name="ask_again",
    ),
]

# Shared leadership (part 7)
urlpatterns += [
    path(TOGETHER, change_views.together, name="together"),
    path(f"{TOGETHER}proposer/", change_views.propose, name="propose_change"),
    path(CHANGE, change_views.change, name="change"),
    path(f"{CHANGE}repondre/", change_views.answer, name="answer_change"),
    path(f"{CHANGE}reecrire/", change_views.amend, name="amend_change"),
    path(f"{CHANGE}retirer/", change_views.withdraw, name="withdraw_change"),
    path(f"{PROGRAMME}ensemble/", change_views.team_changes, name="team_changes"),
    path(f"{PROGRAMME}ensemble/<int:change_id>/", change_views.team_change, name="team_change"),
]

# A listening line's rota (part 6), in its own file.
urlpatterns += line_urls.urlpatterns
