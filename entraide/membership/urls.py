from django.urls import path

from entraide.membership import views

app_name = "membership"

urlpatterns = [
    path("groupes/<slug:slug>/rejoindre/", views.join, name="join"),
    path("mes-groupes/<slug:slug>/demandes/<int:membership_id>/", views.decide, name="decide"),
    path("mes-groupes/<slug:slug>/devenir-membre/", views.become_member, name="become_member"),
    path(
        "mes-groupes/<slug:slug>/observateurs/<int:observer_id>/",
        views.decide_about_observer,
        name="decide_about_observer",
    ),
    path("mes-groupes/<slug:slug>/ecouter/", views.back_to_listening, name="back_to_listening"),
    path("mes-groupes/<slug:slug>/quitter/", views.leave, name="leave"),
    path(
        "mes-groupes/<slug:slug>/ecrire/",
        views.write_to_facilitators,
        name="write_to_facilitators",
    ),
]
