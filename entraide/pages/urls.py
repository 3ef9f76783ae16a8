from django.urls import path

from entraide.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("ping/", views.ping, name="ping"),
]
