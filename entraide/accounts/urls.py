from django.urls import path

from entraide.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("donnees/", views.export_my_data, name="export"),
    path("supprimer/", views.delete_account, name="delete"),
    path("session/garder-ouverte/", views.keep_session, name="keep_session"),
]
