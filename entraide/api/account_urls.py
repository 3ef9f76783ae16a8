"""The personal API tokens' pages, under « Mon compte » (`/compte/jetons/`)."""

from django.urls import path

from entraide.api import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.tokens, name="list"),
    path("<int:token_id>/supprimer/", views.revoke, name="revoke"),
]
