from django.urls import path

from entraide.directory import views

app_name = "directory"

urlpatterns = [
    path("groupes/", views.search, name="search"),
    path("lieux/", views.place_suggestions, name="place_suggestions"),
    path("groupes/<slug:slug>/ecrire/", views.contact_group, name="contact"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/page/", views.edit_organisation, name="edit_organisation"),
]
