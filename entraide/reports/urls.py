from django.urls import path

from entraide.reports import views

app_name = "reports"

urlpatterns = [
    path("organisations/<slug:slug>/rapport/", views.page, name="page"),
    path("organisations/<slug:slug>/rapport/rapport.csv", views.csv_export, name="csv"),
    path("organisations/<slug:slug>/rapport/rapport.ods", views.ods_export, name="ods"),
    path("organisations/<slug:slug>/rapport/rapport.pdf", views.pdf_export, name="pdf"),
]
