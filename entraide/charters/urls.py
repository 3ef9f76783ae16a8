from django.urls import path

from entraide.charters import views

app_name = "charters"

CHARTER = "mes-groupes/<slug:slug>/charte/"

urlpatterns = [
    path(CHARTER, views.charter, name="charter"),
    path(f"{CHARTER}historique/", views.history, name="history"),
    path(f"{CHARTER}nouvelle-version/", views.new_version, name="new_version"),
    path(f"{CHARTER}v<int:version>.pdf", views.pdf, name="pdf"),
    path(f"{CHARTER}v<int:version>/", views.version, name="version"),
    path(f"{CHARTER}v<int:version>/consentement/", views.consent, name="consent"),
    path(
        f"{CHARTER}v<int:version>/demander-le-consentement/",
        views.ask_consent,
        name="ask_consent",
    ),
    path(f"{CHARTER}v<int:version>/signer/", views.sign, name="sign"),
    path(f"{CHARTER}v<int:version>/<str:key>/", views.section, name="section"),
    path(
        f"{CHARTER}v<int:version>/<str:key>/commenter/",
        views.comment,
        name="comment",
    ),
    path(
        f"{CHARTER}commentaires/<int:comment_id>/",
        views.decide_comment,
        name="decide_comment",
    ),
]
