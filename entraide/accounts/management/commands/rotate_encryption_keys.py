"""Write every encrypted value again under the first of ENCRYPTION_KEYS.

Rotation: put a new key first in ENCRYPTION_KEYS (keep the old ones after it), restart the
servers, run this command, then remove the old keys. It can be run again safely; each batch is
one transaction, so an interruption leaves every value readable.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.crypto import encrypted_fields

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value with the first key of ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model, names in encrypted_fields():
            pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), BATCH):
                with transaction.atomic():
                    rows = model._base_manager.select_for_update().filter(
                        pk__in=pks[start : start + BATCH]
                    )
                    for row in rows:
                        # Saving writes each value through the field, under the first key.
                        row.save(update_fields=names)
                        total += 1
            self.stdout.write(f"{model._meta.label}: {len(pks)}")
        record(AuditEvent.Action.ENCRYPTION_ROTATED, by=None, detail=str(total))
        self.stdout.write(
            self.style.SUCCESS(f"{total} rows re-encrypted; the old keys can now be removed.")
        )
