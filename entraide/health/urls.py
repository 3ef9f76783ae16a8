from django.urls import path

from entraide.health import views

app_name = "health"

urlpatterns = [
    path("mes-groupes/<slug:slug>/sante/", views.page, name="page"),
    path("mes-groupes/<slug:slug>/sante/partage/", views.sharing, name="sharing"),
]
