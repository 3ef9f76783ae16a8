from django.urls import path

from entraide.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisations/<slug:slug>/journal/", views.journal, name="journal"),
]
