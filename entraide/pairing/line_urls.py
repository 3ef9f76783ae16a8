"""The URLs of a listening line's rota, added to the app's (`urls.py`)."""

from django.urls import path

from entraide.pairing import line_views

LINE = "organisations/<slug:slug>/programmes/<int:programme_id>/permanences/"
MONTH = f"{LINE}<int:year>/<int:month>/"
MINE = "mes-demarches-individuelles/candidature/<int:application_id>/permanences/"

urlpatterns = [
    path(LINE, line_views.team_line_shifts, name="team_line_shifts"),
    path(
        f"{LINE}<int:shift_id>/retirer/",
        line_views.team_line_shift_remove,
        name="team_line_shift_remove",
    ),
    path(MONTH, line_views.team_line_month, name="team_line_month"),
    path(f"{MONTH}proposer/", line_views.team_line_propose, name="team_line_propose"),
    path(f"{MONTH}ajouter/", line_views.team_line_add, name="team_line_add"),
    path(f"{MONTH}publier/", line_views.team_line_publish, name="team_line_publish"),
    path(
        f"{LINE}affectations/<int:assignment_id>/retirer/",
        line_views.team_line_remove,
        name="team_line_remove",
    ),
    path(MINE, line_views.line_mine, name="line_mine"),
    path(
        f"{MINE}disponibilites/<int:year>/<int:month>/",
        line_views.line_availability,
        name="line_availability",
    ),
    path(f"{MINE}<int:assignment_id>/proposer/", line_views.line_offer, name="line_offer"),
    path(f"{MINE}<int:assignment_id>/noter/", line_views.line_log, name="line_log"),
    path(f"{MINE}echanges/<int:swap_id>/reprendre/", line_views.line_accept, name="line_accept"),
    path(
        f"{MINE}echanges/<int:swap_id>/retirer/",
        line_views.line_withdraw_swap,
        name="line_withdraw_swap",
    ),
    path(
        f"{MINE}agenda/nouvelle-adresse/",
        line_views.line_calendar_renew,
        name="line_calendar_renew",
    ),
    path("permanences/agenda/<str:token>.ics", line_views.line_calendar, name="line_calendar"),
]
