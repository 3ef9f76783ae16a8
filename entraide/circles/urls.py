from django.urls import path

from entraide.circles import views

app_name = "circles"

MEETING = "mes-groupes/<slug:slug>/rencontres/<int:meeting_id>/"

urlpatterns = [
    path(MEETING + "cercle/", views.circle, name="circle"),
    path(MEETING + "cercle/table/", views.shared, name="shared"),
]
