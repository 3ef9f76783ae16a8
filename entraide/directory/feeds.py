"""An Atom feed of the newest groups of any directory search (a theme, a place and its radius,
a format…): `/groupes/nouveaux.atom?theme=deuil&place=Nantes`, to follow in a feed reader or
to show on a town hall's or a partner's site. It says what the directory says, nothing more."""

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from entraide.directory.forms import SearchForm
from entraide.directory.models import SupportGroup
from entraide.directory.search import Criteria, search

NEWEST = 30


class NewGroupsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> SearchForm:
        form = SearchForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            raise BadRequest(_("Cette recherche n'est pas valide : corrigez-la sur l'annuaire."))
        self.query = request.GET.urlencode()
        return form

    def title(self, form: SearchForm) -> str:
        words = [_("Nouveaux groupes d'entraide")]
        if form.is_bound:
            data = form.cleaned_data
            if data.get("q"):
                words.append(f"« {data['q']} »")
            if data.get("theme"):
                words.append(str(data["theme"].name))
            if data.get("place"):
                words.append(_("près de %(place)s") % {"place": data["place"].name})
        return " — ".join(words)

    def subtitle(self, form: SearchForm) -> str:
        return _("Les derniers groupes publiés dans l'annuaire pour cette recherche.")

    def link(self, form: SearchForm) -> str:
        search_page = reverse("directory:search")
        return f"{search_page}?{self.query}" if self.query else search_page

    def items(self, form: SearchForm) -> list[SupportGroup]:
        criteria = form.criteria() if form.is_bound else Criteria()
        found = search(criteria).select_related("organisation").prefetch_related("themes")
        return list(found.order_by("-created_at", "-pk")[:NEWEST])

    def item_title(self, item: SupportGroup) -> str:
        return item.name

    def item_description(self, item: SupportGroup) -> str:
        where = item.town or str(item.get_format_display())
        return f"{item.summary}\n{where} · {item.rhythm_label()}"

    def item_link(self, item: SupportGroup) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: SupportGroup) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: SupportGroup) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: SupportGroup) -> list[str]:
        return [str(theme.name) for theme in item.themes.all()]
