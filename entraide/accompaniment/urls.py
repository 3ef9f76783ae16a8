from django.urls import path  # noqa: F401

app_name = "accompaniment"

urlpatterns: list[object] = []
