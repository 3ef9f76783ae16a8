from django.urls import path

from entraide.safeguarding import views

app_name = "safeguarding"

CONCERN = "organisations/<slug:slug>/vigilance/<int:concern_id>/"

urlpatterns = [
    path("mes-groupes/<slug:slug>/signaler/", views.raise_concern, name="raise"),
    path("mes-inquietudes/", views.mine, name="mine"),
    path("mes-inquietudes/<int:concern_id>/retirer/", views.withdraw, name="withdraw"),
    path("organisations/<slug:slug>/vigilance/", views.board, name="board"),
    path(CONCERN, views.concern, name="concern"),
    path(f"{CONCERN}prendre-en-compte/", views.acknowledge, name="acknowledge"),
    path(f"{CONCERN}noter/", views.note, name="note"),
    path(f"{CONCERN}mediation/", views.mediation, name="mediation"),
    path(f"{CONCERN}clore/", views.close, name="close"),
]
