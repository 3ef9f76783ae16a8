from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from entraide.notifications import actions
from entraide.notifications.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    """The deliveries that need the site team (failed, cut off, forgotten), read-only: which
    kind of message, to whom, what went wrong, never the content."""

    list_display = ("template", "recipient", "status", "attempts", "error", "updated_at")
    list_filter = ("status",)
    fields = ("template", "recipient", "status", "attempts", "error", "updated_at")
    readonly_fields = fields
    actions = ("send_again",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Delivery]:
        return (
            super()
            .get_queryset(request)
            .filter(actions.stuck())
            .select_related("notification", "user")
            .order_by("-updated_at")
        )

    @admin.display(description=_("message"))
    def template(self, delivery: Delivery) -> str:
        return delivery.notification.template

    @admin.display(description=_("destinataire"))
    def recipient(self, delivery: Delivery) -> str:
        return delivery.user.email if delivery.user is not None else delivery.address

    @admin.action(description=_("Envoyer à nouveau"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        count = actions.retry(queryset)
        self.message_user(
            request,
            ngettext("%(count)d envoi remis en file.", "%(count)d envois remis en file.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Delivery | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Delivery | None = None) -> bool:
        return False
