"""The default questionnaires, in French and English, drawn from seeds 001, 002 and 003.

An organisation gets its own copy the first time it needs one, then edits it; groups without an
organisation use the site's copy (organisation none). The words are stored, in both languages,
so an organisation may change them; these are only where they start. Nothing asks about
health: a person says what they hope for, not what they live through.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultQuestion:
    key: str
    kind: str
    wording: str
    wording_en: str
    low_label: str = ""
    low_label_en: str = ""
    high_label: str = ""
    high_label_en: str = ""
    options: str = ""
    options_en: str = ""


@dataclass(frozen=True)
class DefaultQuestionnaire:
    title: str
    title_en: str
    introduction: str
    introduction_en: str
    questions: tuple[DefaultQuestion, ...]


INTAKE = DefaultQuestionnaire(
    title="Bienvenue : ce que vous venez chercher",
    title_en="Welcome: what you come for",
    introduction=(
        "Quelques questions pour mieux vous accueillir. Vous pouvez passer chaque question, "
        "ou tout le questionnaire. Vos réponses arrivent sans votre nom."
    ),
    introduction_en=(
        "A few questions to welcome you better. You may skip any question, or the whole "
        "questionnaire. Your answers arrive without your name."
    ),
    questions=(
        DefaultQuestion(
            key="hopes",
            kind="text",
            wording="Qu'espérez-vous trouver dans ce groupe ?",
            wording_en="What do you hope to find in this group?",
        ),
        DefaultQuestion(
            key="would_help",
            kind="text",
            wording="Qu'est-ce qui vous aiderait à vous sentir bien dans le groupe ?",
            wording_en="What would help you feel at ease in the group?",
        ),
        DefaultQuestion(
            key="heard_of",
            kind="choice",
            wording="Comment avez-vous entendu parler du groupe ?",
            wording_en="How did you hear about the group?",
            options=(
                "Par une personne proche\nPar un ou une professionnelle\n"
                "Par une association\nSur internet\nAutrement"
            ),
            options_en=(
                "From someone close to me\nFrom a professional\n"
                "From an association\nOn the internet\nAnother way"
            ),
        ),
        DefaultQuestion(
            key="to_know",
            kind="text",
            wording=(
                "Y a-t-il quelque chose que vous aimeriez que le groupe sache "
                "pour vous accueillir ?"
            ),
            wording_en="Is there anything you would like the group to know to welcome you?",
        ),
    ),
)

REVIEW = DefaultQuestionnaire(
    title="Bilan du groupe",
    title_en="The group's review",
    introduction=(
        "Faisons le point ensemble : comment va le groupe, ce qui marche, ce qui pourrait "
        "changer. Vous pouvez passer chaque question. Vos réponses arrivent sans votre nom."
    ),
    introduction_en=(
        "Let us take stock together: how the group is doing, what works, what could change. "
        "You may skip any question. Your answers arrive without your name."
    ),
    questions=(
        DefaultQuestion(
            key="satisfaction",
            kind="scale",
            wording="Dans l'ensemble, le groupe vous apporte-t-il ce que vous cherchiez ?",
            wording_en="Overall, does the group give you what you were looking for?",
            low_label="pas du tout",
            low_label_en="not at all",
            high_label="tout à fait",
            high_label_en="completely",
        ),
        DefaultQuestion(
            key="heard",
            kind="scale",
            wording="Chacun a-t-il la possibilité de s'exprimer ?",
            wording_en="Does everyone get the chance to speak?",
            low_label="pas du tout",
            low_label_en="not at all",
            high_label="tout à fait",
            high_label_en="completely",
        ),
        DefaultQuestion(
            key="atmosphere",
            kind="scale",
            wording="Comment vous sentez-vous dans le groupe en ce moment ?",
            wording_en="How do you feel in the group at the moment?",
            low_label="mal à l'aise",
            low_label_en="ill at ease",
            high_label="très bien",
            high_label_en="very well",
        ),
        DefaultQuestion(
            key="works_well",
            kind="text",
            wording="Ce qui marche bien",
            wording_en="What works well",
        ),
        DefaultQuestion(
            key="to_change",
            kind="text",
            wording="Ce que nous pourrions changer",
            wording_en="What we could change",
        ),
        DefaultQuestion(
            key="support_wanted",
            kind="text",
            wording="Un soutien de l'organisation serait utile pour…",
            wording_en="Support from the organisation would help with…",
        ),
    ),
)

DEFAULTS = {"intake": INTAKE, "review": REVIEW}
