from django.urls import path

from entraide.federation import views
from entraide.federation.documents import EMPTY_COLLECTIONS

app_name = "federation"

urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/nodeinfo", views.nodeinfo_index, name="nodeinfo_index"),
    path("nodeinfo/2.0", views.nodeinfo, {"version": "2.0"}, name="nodeinfo_20"),
    path("nodeinfo/2.1", views.nodeinfo, {"version": "2.1"}, name="nodeinfo_21"),
    path("ap/inbox", views.shared_inbox, name="shared_inbox"),
    path("ap/instance", views.instance, name="instance"),
    path("ap/instance/outbox", views.instance_outbox, name="instance_outbox"),
    path("ap/instance/followers", views.instance_followers, name="instance_followers"),
    path("ap/instance/following", views.instance_following, name="instance_following"),
    path("ap/m/<int:meeting_id>", views.event, name="event"),
    path("ap/g/<slug:slug>", views.group, name="group"),
    path("ap/g/<slug:slug>/inbox", views.group_inbox, name="group_inbox"),
    path("ap/g/<slug:slug>/outbox", views.group_outbox, name="group_outbox"),
    path("ap/g/<slug:slug>/events", views.group_events, name="group_events"),
    path("ap/g/<slug:slug>/followers", views.group_followers, name="group_followers"),
    *[
        path(
            f"ap/g/<slug:slug>/{name}",
            views.group_empty,
            {"collection": name},
            name=f"group_{name}",
        )
        for name in ("following", *EMPTY_COLLECTIONS)
    ],
]
