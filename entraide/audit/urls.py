from django.urls import path

from entraide.audit import views

app_name = "audit"

urlpatterns = [
    path("organisations/<slug:slug>/journal/", views.journal, name="journal"),
]
