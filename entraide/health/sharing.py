"""Whether the accompanying organisation may see a group's health (see models.Sharing)."""

from entraide.directory.models import SupportGroup
from entraide.founding.models import Initiative
from entraide.health.models import Sharing


def is_founding(status: str, stage: str | None) -> bool:
    """A group is being founded while it says so, or while its project is not autonomous."""
    return status == SupportGroup.Status.FOUNDING or (
        stage is not None and stage != Initiative.Stage.AUTONOMOUS
    )


def is_shared(status: str, stage: str | None, sharing: Sharing | None) -> bool:
    """The facilitators' choice for the present stage, or the stage's default."""
    founding = is_founding(status, stage)
    if sharing is not None and sharing.during_founding == founding:
        return sharing.shared
    return founding


def stage_of(group: SupportGroup) -> str | None:
    initiative = Initiative.objects.filter(group=group).values_list("stage", flat=True).first()
    return initiative


def sharing_of(group: SupportGroup) -> Sharing | None:
    return Sharing.objects.filter(group=group).first()


def shared_with_organisation(group: SupportGroup) -> bool:
    return is_shared(group.status, stage_of(group), sharing_of(group))
