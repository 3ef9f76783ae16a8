from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from entraide.pages import account, groups, plan, probes, views
from entraide.pages.sitemaps import SITEMAPS

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("plan-du-site/", plan.site_plan, name="site_plan"),
    path("ping/", views.ping, name="ping"),
    path("robots.txt", views.robots, name="robots"),
    path("livez/", probes.live, name="live"),
    path(
        "sitemap.xml",
        login_not_required(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("readyz/", probes.ready, name="ready"),
    path("compte/", account.account, name="account"),
    path("groupes/<slug:slug>/", groups.group_detail, name="group"),
    path("mes-groupes/", groups.my_groups, name="my_groups"),
    path("mes-groupes/<slug:slug>/", groups.group_space, name="group_space"),
]
