import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from entraide.lib.refusals import Refused


def test_a_refusal_carries_the_words_for_the_person() -> None:
    refusal = Refused("Cette version n'est plus en préparation.")

    assert refusal.message == "Cette version n'est plus en préparation."
    assert refusal.code == ""
    assert str(refusal) == "Cette version n'est plus en préparation."


def test_a_refusal_may_name_its_rule_without_words() -> None:
    with pytest.raises(Refused) as raised:
        raise Refused(code="not_your_turn")

    assert raised.value.code == "not_your_turn"
    assert raised.value.message == ""
    # A log or a traceback still says which rule refused.
    assert str(raised.value) == "not_your_turn"


def test_a_lazy_message_is_read_in_the_language_of_the_moment_it_is_shown() -> None:
    refusal = Refused(gettext_lazy("Ce groupe n'existe plus."), code="gone")

    with translation.override("en"):
        assert str(refusal.message) == "This group no longer exists."
    with translation.override("fr"):
        assert str(refusal.message) == "Ce groupe n'existe plus."
    assert refusal.code == "gone"
