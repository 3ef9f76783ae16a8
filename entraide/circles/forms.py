from django import forms

from entraide.circles.rules import Kind

OPEN = "open"
TURN_LENGTH = "turn_length"
ACTIONS = [OPEN, TURN_LENGTH, *(kind.value for kind in Kind)]


class ActionForm(forms.Form):
    """One action in the circle, from a plain form or a socket message alike."""

    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS])
    # Whom the action is for: oneself by default; anyone, for those who lead (shared device).
    person = forms.IntegerField(required=False, min_value=1)
    # The turn the page showed: an action that moves the floor is refused if it moved since.
    turn = forms.IntegerField(required=False, min_value=0)
    minutes = forms.IntegerField(required=False, min_value=1, max_value=30)
    # Back to the shared device's page after the action.
    shared = forms.BooleanField(required=False)
