from django.urls import path

from entraide.membership import views

app_name = "membership"

urlpatterns = [
    path("groupes/<slug:slug>/rejoindre/", views.join, name="join"),
    path("mes-groupes/<slug:slug>/demandes/<int:membership_id>/", views.decide, name="decide"),
    path("mes-groupes/<slug:slug>/quitter/", views.leave, name="leave"),
    path(
        "mes-groupes/<slug:slug>/ecrire/",
        views.write_to_facilitators,
        name="write_to_facilitators",
    ),
]
