from django.urls import path

from entraide.proposals import invitation_views, views

app_name = "proposals"

ORG = "organisations/<slug:slug>/former-des-groupes/"
ONE = f"{ORG}<int:pk>/"

urlpatterns = [
    # Coordinators (views.py)
    path(ORG, views.proposals, name="list"),
    path(f"{ORG}nouvelle/", views.new, name="new"),
    path(ONE, views.proposal, name="proposal"),
    path(f"{ONE}avancement/", views.progress, name="progress"),
    path(f"{ONE}relancer/", views.retry, name="retry"),
    path(f"{ONE}deplacer/", views.move, name="move"),
    path(f"{ONE}accueil/", views.make_host, name="make_host"),
    path(f"{ONE}supprimer/", views.delete, name="delete"),
    # Creating the groups and inviting their members (invitation_views.py)
    path(f"{ONE}creer/", invitation_views.create_groups, name="create"),
    path(f"{ONE}renvoyer/", invitation_views.resend_invitations, name="resend"),
    path("organisations/<slug:slug>/me-regrouper/", invitation_views.wish, name="wish"),
    path(
        "organisations/<slug:slug>/me-regrouper/retirer/",
        invitation_views.withdraw_wish,
        name="withdraw_wish",
    ),
    path("invitations/<str:token>/", invitation_views.invitation, name="invitation"),
]
