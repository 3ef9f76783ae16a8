from django.urls import path

from entraide.carnet import views

app_name = "carnet"

MEETING = "<slug:slug>/<int:meeting_id>/"

urlpatterns = [
    path("mon-carnet/", views.home, name="home"),
    path("mon-carnet/ecrire/", views.write, name="write"),
    path("mon-carnet/ecrire/" + MEETING, views.write_after, name="write_after"),
    path("mon-carnet/preparer/" + MEETING, views.prepare, name="prepare"),
    path("mon-carnet/pages/<int:entry_id>/modifier/", views.edit, name="edit"),
    path("mon-carnet/pages/<int:entry_id>/supprimer/", views.delete, name="delete"),
    path("mon-carnet/telecharger/", views.export, name="export"),
    path("mon-carnet/effacer/", views.erase, name="erase"),
]
