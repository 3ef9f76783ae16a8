from django.urls import path

from entraide.founding import recruitment_views, views

app_name = "founding"

urlpatterns = [
    path("creer-un-groupe/", views.start, name="start"),
    path("creer-un-groupe/<slug:slug>/", views.overview, name="overview"),
    path("creer-un-groupe/<slug:slug>/entretien/", views.interview, name="interview"),
    path("creer-un-groupe/<slug:slug>/presentation/", views.edit_group, name="edit_group"),
    path("creer-un-groupe/<slug:slug>/accompagnement/", views.accompaniment, name="accompaniment"),
    path("creer-un-groupe/<slug:slug>/etape/", views.stage, name="stage"),
    path("creer-un-groupe/<slug:slug>/rencontres/", views.sessions, name="sessions"),
    path("creer-un-groupe/<slug:slug>/rencontres/<str:kind>/", views.session, name="session"),
    path("creer-un-groupe/<slug:slug>/inviter/", views.invite, name="invite"),
    path("creer-un-groupe/<slug:slug>/rejoindre/", views.join, name="join"),
    path("groupes/<slug:slug>/ca-m-interesse/", views.interest, name="interest"),
    path("groupes/<slug:slug>/prevenez-moi/", views.email_interest, name="email_interest"),
    path(
        "groupes/prevenez-moi/<str:token>/",
        views.email_interest_link,
        name="email_interest_link",
    ),
    path(
        "creer-un-groupe/<slug:slug>/recrutement/",
        recruitment_views.recruitment,
        name="recruitment",
    ),
    path(
        "creer-un-groupe/<slug:slug>/relais/<int:relay_id>/",
        recruitment_views.relay,
        name="relay",
    ),
    path(
        "creer-un-groupe/<slug:slug>/affiche-<str:size>.pdf",
        recruitment_views.flyer,
        name="flyer",
    ),
]
