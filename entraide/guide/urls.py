from django.urls import path

from entraide.guide import views

app_name = "guide"

urlpatterns = [
    path("guide/", views.guide, name="guide"),
    path("guide/questions/", views.faq, name="faq"),
    path("aide-maintenant/", views.help_now, name="help_now"),
]
