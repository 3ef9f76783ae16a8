from django.urls import path

from entraide.circles.consumers import CircleConsumer

websocket_urlpatterns = [
    path(
        "ws/mes-groupes/<slug:slug>/rencontres/<int:meeting_id>/cercle/",
        CircleConsumer.as_asgi(),
    ),
]
