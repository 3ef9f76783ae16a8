from django.urls import path

from entraide.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisations/<slug:slug>/journal/", views.journal, name="journal"),
    path("organisations/<slug:slug>/equipe/", views.team, name="team"),
    path(
        "organisations/<slug:slug>/equipe/roles/<int:role_id>/retirer/",
        views.remove_role,
        name="remove_role",
    ),
    path(
        "organisations/<slug:slug>/equipe/invitations/<int:invitation_id>/retirer/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("equipe/invitation/<str:token>/", views.invitation, name="invitation"),
]
