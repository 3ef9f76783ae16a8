from django.urls import path

from entraide.pages import account, groups, probes, views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("ping/", views.ping, name="ping"),
    path("livez/", probes.live, name="live"),
    path("readyz/", probes.ready, name="ready"),
    path("compte/", account.account, name="account"),
    path("groupes/<slug:slug>/", groups.group_detail, name="group"),
    path("mes-groupes/", groups.my_groups, name="my_groups"),
    path("mes-groupes/<slug:slug>/", groups.group_space, name="group_space"),
]
