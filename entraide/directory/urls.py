from django.contrib.auth.decorators import login_not_required
from django.urls import path

from entraide.directory import views
from entraide.directory.feeds import NewGroupsFeed

app_name = "directory"

urlpatterns = [
    path("groupes/", views.search, name="search"),
    path("groupes/nouveaux.atom", login_not_required(NewGroupsFeed()), name="new_groups"),
    path("groupes/resultats.csv", views.export_search, {"kind": "csv"}, name="export_csv"),
    path("groupes/resultats.ods", views.export_search, {"kind": "ods"}, name="export_ods"),
    path("meeting-guide.json", views.meeting_guide, name="meeting_guide"),
    path(
        "organisations/<slug:slug>/meeting-guide.json",
        views.meeting_guide,
        name="organisation_meeting_guide",
    ),
    path("lieux/", views.place_suggestions, name="place_suggestions"),
    path("groupes/<slug:slug>/ecrire/", views.contact_group, name="contact"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/page/", views.edit_organisation, name="edit_organisation"),
]
