from django.urls import path

from entraide.workshops import views

app_name = "workshops"

TEAM = "organisations/<slug:slug>/ateliers/"

urlpatterns = [
    path("ateliers/", views.workshop_list, name="list"),
    path("ateliers/<int:workshop_id>/", views.detail, name="detail"),
    path("ateliers/<int:workshop_id>/inscription/", views.register, name="register"),
    path("ateliers/<int:workshop_id>/desinscription/", views.withdraw, name="withdraw"),
    path("ateliers/<int:workshop_id>/agenda.ics", views.workshop_ics, name="ics"),
    path("mes-ateliers/", views.mine, name="mine"),
    path(TEAM, views.team_list, name="team_list"),
    path(f"{TEAM}nouveau/", views.team_new, name="team_new"),
    path(f"{TEAM}<int:workshop_id>/", views.team_detail, name="team_detail"),
    path(f"{TEAM}<int:workshop_id>/modifier/", views.team_edit, name="team_edit"),
    path(f"{TEAM}<int:workshop_id>/annuler/", views.team_cancel, name="team_cancel"),
    path(f"{TEAM}<int:workshop_id>/presences/", views.team_attendance, name="team_attendance"),
]
