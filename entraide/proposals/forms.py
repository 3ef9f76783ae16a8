"""The coordinator's forms: a new proposal (its list of people and its constraints), moving a
person, and the reading of the uploaded CSV file.

The CSV rules, also told on the page and shown by `static/proposals/exemple.csv`:
- UTF-8 (with or without the BOM Excel adds); columns separated by "," or ";" (French Excel
  writes ";"): the header decides, ";" when it has ";" and no ",";
- a header naming at least `id` and either `lat` and `lon` or `postal_code` (with an optional
  `country`); optional `name`, `email`, `languages`, `themes`; other columns are ignored;
- inside a languages or themes cell, values are separated by "|", "," or ";" (whichever is not
  the column separator, unless the cell is quoted): "fr|en" works in every file;
- with ";" between columns, a decimal comma is accepted ("47,21"), as French Excel writes it.
Every error names its line; up to `MAX_ERRORS` are told at once, and nothing is saved.
The reading itself is `entraide.formation.csvinput`'s, the same as the command line's: this
module only adds the Volunteer fields' limits and tells each structured problem in French.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.directory.models import Theme
from entraide.formation import csvinput
from entraide.formation.csvinput import CSVError, Problem, Record
from entraide.proposals.models import LANGUAGE_SEPARATOR, Proposal

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
MAX_ERRORS = 10
# The lengths of the Volunteer fields the rows go into.
MAX_ID, MAX_NAME, MAX_LANGUAGES, MAX_THEMES = 100, 150, 200, 500
# The product's own problems of a row (the solver has no such limits).
ID_TOO_LONG = "id_too_long"
NAME_TOO_LONG = "name_too_long"
BAD_EMAIL = "bad_email"
LANGUAGES_TOO_LONG = "languages_too_long"
THEMES_TOO_LONG = "themes_too_long"


@dataclass(frozen=True, slots=True)
class Row:
    """One person of the list, ready to become a Volunteer."""

    ref: str
    lat: float
    lon: float
    approximate: bool = False
    name: str = ""
    email: str = ""
    languages: str = ""
    themes: str = ""
    user_id: int | None = None


class CSVErrors(Exception):
    """What is wrong with the file, one translated sentence per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages)
        self.messages = messages


def join_values(values: list[str] | set[str] | frozenset[str]) -> str:
    return LANGUAGE_SEPARATOR.join(sorted(values))


def split_values(cell: str) -> list[str]:
    """The values of a languages or themes cell, compared without case."""
    return sorted(csvinput.labels(cell))


def _check(line: int, cells: Mapping[str, str]) -> Sequence[Problem]:
    """What the Volunteer fields need beyond what the solver reads."""
    problems = []
    if len(cells["id"]) > MAX_ID:
        problems.append(Problem(ID_TOO_LONG, line=line, column="id", limit=MAX_ID))
    if len(cells["name"]) > MAX_NAME:
        problems.append(Problem(NAME_TOO_LONG, line=line, column="name", limit=MAX_NAME))
    email = cells["email"]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(Problem(BAD_EMAIL, line=line, column="email", value=email))
    if len(join_values(split_values(cells["languages"]))) > MAX_LANGUAGES:
        problems.append(Problem(LANGUAGES_TOO_LONG, line=line, column="languages"))
    if len(join_values(split_values(cells["themes"]))) > MAX_THEMES:
        problems.append(Problem(THEMES_TOO_LONG, line=line, column="themes"))
    return problems


def _what(column: str | None) -> str:
    return _("longitude") if column == "lon" else _("latitude")


def _sentence(problem: Problem) -> str:
    """The French sentence of one problem, without its line."""
    value = problem.value[:30]
    match problem.code:
        case csvinput.EMPTY_ID:
            return _("l'identifiant (colonne id) est vide.")
        case csvinput.DUPLICATE_ID:
            return _("l'identifiant « %(id)s » est déjà utilisé à la ligne %(other)d.") % {
                "id": value,
                "other": problem.other_line or 0,
            }
        case csvinput.HALF_POINT:
            return _("donnez la latitude et la longitude, ou aucune des deux.")
        case csvinput.NOT_A_NUMBER:
            return _("la %(what)s « %(value)s » n'est pas un nombre.") % {
                "what": _what(problem.column),
                "value": value,
            }
        case csvinput.LATITUDE_RANGE:
            return _("la latitude %(value)s n'est pas possible (entre -90 et 90).") % {
                "value": value
            }
        case csvinput.LONGITUDE_RANGE:
            return _("la longitude %(value)s n'est pas possible (entre -180 et 180).") % {
                "value": value
            }
        case csvinput.UNKNOWN_POSTAL_CODE:
            return _(
                "le code postal « %(code)s » est inconnu (France, Belgique, Suisse, "
                "Luxembourg et Monaco seulement)."
            ) % {"code": value}
        case csvinput.NO_POINT:
            return _("il manque la position : la latitude et la longitude, ou un code postal.")
        case csvinput.UNREADABLE_LINE:
            return _("cette ligne ne se lit pas (un guillemet n'est pas fermé ?).")
        case csvinput.NOT_UTF8:
            return _(
                "le fichier n'est pas en UTF-8. Dans Excel, choisissez « Enregistrer sous », "
                "puis le type « CSV UTF-8 (délimité par des virgules) »."
            )
        case csvinput.NUL_CHARACTER:
            return _(
                "le fichier contient un caractère nul : il n'est sans doute pas en UTF-8. Dans "
                "Excel, choisissez « Enregistrer sous », puis le type « CSV UTF-8 (délimité par "
                "des virgules) »."
            )
        case csvinput.MISSING_COLUMNS:
            return _(
                "il manque la colonne %(columns)s. L'en-tête doit nommer id, lat et lon, ou id "
                "et postal_code."
            ) % {"columns": problem.value}
        case "id_too_long":
            return _("l'identifiant a plus de %(limit)d caractères.") % {"limit": MAX_ID}
        case "name_too_long":
            return _("le nom a plus de %(limit)d caractères.") % {"limit": MAX_NAME}
        case "bad_email":
            return _("l'adresse e-mail « %(email)s » n'est pas valable.") % {
                "email": problem.value[:60]
            }
        case "languages_too_long":
            return _("la liste des langues est trop longue.")
        case "themes_too_long":
            return _("la liste des thèmes est trop longue.")
    raise AssertionError(f"no message for {problem.code}")  # pragma: no cover


def message(problem: Problem) -> str:
    """The French message of one problem of the file, with its line when it has one."""
    match problem.code:
        case csvinput.EMPTY_FILE:
            return _("Le fichier est vide.")
        case csvinput.NO_PEOPLE:
            return _("Le fichier a un en-tête mais aucune personne.")
        case csvinput.UNREADABLE_HEADER:
            return _("La première ligne du fichier ne se lit pas comme un CSV.")
        case csvinput.TOO_MANY_ROWS:
            return _(
                "Le fichier compte plus de %(limit)s personnes. Découpez la liste en "
                "plusieurs fichiers."
            ) % {"limit": f"{problem.limit or 0:,}".replace(",", "\u202f")}
    return _("ligne %(line)d : %(problem)s") % {
        "line": problem.line or 0,
        "problem": _sentence(problem),
    }


def _row(record: Record) -> Row:
    person = record.person
    return Row(
        person.id,
        person.lat,
        person.lon,
        person.approximate,
        record.name,
        record.email.lower(),
        join_values(person.languages),
        join_values(person.themes),
    )


def read_people(data: bytes) -> list[Row]:
    """The people of an uploaded CSV file, or CSVErrors saying what is wrong and where."""
    if len(data) > MAX_BYTES:
        raise CSVErrors([_("Le fichier dépasse 5 Mo. Découpez la liste en plusieurs fichiers.")])
    try:
        records = csvinput.read_records(
            csvinput.decode(data), max_errors=MAX_ERRORS, max_rows=MAX_ROWS, check=_check
        )
    except CSVError as error:
        messages = [message(problem) for problem in error.problems]
        more = error.count - len(error.problems)
        if more:
            messages.append(
                ngettext("… et %(count)d autre erreur.", "… et %(count)d autres erreurs.", more)
                % {"count": more}
            )
        raise CSVErrors(messages) from None
    return [_row(record) for record in records]


class ProposalForm(forms.Form):
    """A new proposal: the list of people and the constraints of the groups to form."""

    name = forms.CharField(
        label=gettext_lazy("Nom de la liste"),
        max_length=120,
        help_text=gettext_lazy(
            "Pour vous y retrouver, par exemple : « Inscriptions du forum de septembre »."
        ),
        error_messages={
            "required": gettext_lazy("Donnez un nom à cette liste."),
            "max_length": gettext_lazy("Ce nom est trop long : 120 caractères au plus."),
        },
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Les personnes à regrouper"),
        widget=forms.RadioSelect,
        choices=Proposal.Source.choices,
        initial=Proposal.Source.CSV,
        error_messages={"required": gettext_lazy("Choisissez d'où vient la liste.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV"),
        required=False,
        help_text=gettext_lazy("5 Mo et 100 000 personnes au plus."),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "empty": gettext_lazy("Le fichier est vide."),
            "invalid": gettext_lazy("Ce fichier n'a pas pu être lu : choisissez-le de nouveau."),
            "missing": gettext_lazy("Ce fichier n'a pas pu être lu : choisissez-le de nouveau."),
        },
    )
    theme = forms.ModelChoiceField(
        label=gettext_lazy("Thème des groupes à créer"),
        queryset=Theme.objects.offered().order_by("name_fr"),
        required=False,
        empty_label=gettext_lazy("(aucun en particulier)"),
        help_text=gettext_lazy(
            "Les groupes créés à partir de cette proposition auront ce thème dans l'annuaire."
        ),
        error_messages={"invalid_choice": gettext_lazy("Ce thème n'existe pas.")},
    )
    min_size = forms.IntegerField(
        label=gettext_lazy("Taille minimale d'un groupe"),
        initial=6,
        min_value=2,
        max_value=30,
        help_text=gettext_lazy(
            "En dessous, l'échange s'essouffle vite quand quelques personnes sont absentes."
        ),
        error_messages={
            "required": gettext_lazy("Indiquez une taille minimale, de 2 à 30."),
            "invalid": gettext_lazy("Indiquez un nombre entier, de 2 à 30."),
            "min_value": gettext_lazy("Indiquez une taille minimale, de 2 à 30."),
            "max_value": gettext_lazy("Indiquez une taille minimale, de 2 à 30."),
        },
    )
    max_size = forms.IntegerField(
        label=gettext_lazy("Taille maximale d'un groupe"),
        initial=10,
        min_value=2,
        max_value=30,
        help_text=gettext_lazy(
            "Au-delà, chacun a moins de temps pour parler. Les groupes se réunissent chez "
            "un membre : pensez aussi à la place dans un salon."
        ),
        error_messages={
            "required": gettext_lazy("Indiquez une taille maximale, de 2 à 30."),
            "invalid": gettext_lazy("Indiquez un nombre entier, de 2 à 30."),
            "min_value": gettext_lazy("Indiquez une taille maximale, de 2 à 30."),
            "max_value": gettext_lazy("Indiquez une taille maximale, de 2 à 30."),
        },
    )
    max_km = forms.FloatField(
        label=gettext_lazy("Distance maximale à pied (km)"),
        initial=2,
        min_value=0.1,
        max_value=50,
        localize=True,
        help_text=gettext_lazy(
            "De chez soi jusqu'au domicile de la personne qui accueille le groupe. Il n'est "
            "pas opportun que quelqu'un doive faire un long trajet à pied ou payer un "
            "transport : 2 km, c'est environ 25 minutes de marche."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
        error_messages={
            "required": gettext_lazy("Indiquez une distance, de 0,1 à 50 km."),
            "invalid": gettext_lazy("Indiquez un nombre de kilomètres, par exemple 2 ou 1,5."),
            "min_value": gettext_lazy("Indiquez une distance, de 0,1 à 50 km."),
            "max_value": gettext_lazy("Indiquez une distance, de 0,1 à 50 km."),
        },
    )
    same_language = forms.BooleanField(
        label=gettext_lazy("Une langue commune dans chaque groupe"),
        required=False,
        help_text=gettext_lazy(
            "Chaque groupe réunit des personnes qui parlent toutes au moins une même langue. "
            "Une personne sans langue indiquée ne peut alors pas être placée."
        ),
    )
    same_theme = forms.BooleanField(
        label=gettext_lazy("Un thème commun dans chaque groupe"),
        required=False,
        help_text=gettext_lazy(
            "Chaque groupe réunit des personnes qui ont toutes indiqué au moins un même thème "
            "(par exemple le deuil, ou les proches aidants)."
        ),
    )

    def __init__(self, *args: Any, wish_count: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wish_count = wish_count
        self.people: list[Row] = []

    def clean_file(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("file")
        if upload is not None and upload.size is not None and upload.size > MAX_BYTES:
            raise ValidationError(
                _("Le fichier dépasse 5 Mo. Découpez la liste en plusieurs fichiers.")
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_size"), data.get("max_size")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_size",
                _("La taille maximale (%(high)d) est plus petite que la minimale (%(low)d).")
                % {"high": high, "low": low},
            )
        source = data.get("source")
        if source == Proposal.Source.WISHES and self.wish_count == 0:
            self.add_error(
                "source", _("Personne ne s'est encore inscrit auprès de votre organisation.")
            )
        elif source == Proposal.Source.CSV and "file" not in self.errors:
            upload = data.get("file")
            if upload is None:
                self.add_error("file", _("Choisissez le fichier CSV de la liste."))
            else:
                try:
                    self.people = read_people(upload.read(MAX_BYTES + 1))
                except CSVErrors as errors:
                    self.add_error("file", errors.messages)
        return data
