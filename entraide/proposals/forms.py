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
"""

import csv
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.directory.models import Theme
from entraide.lib import places
from entraide.proposals.models import LANGUAGE_SEPARATOR, Proposal

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
MAX_ERRORS = 10

# Column names as written in the header (case and accents aside) and the column they mean.
ALIASES = {
    "id": "id",
    "identifiant": "id",
    "lat": "lat",
    "latitude": "lat",
    "lon": "lon",
    "lng": "lon",
    "longitude": "lon",
    "postal_code": "postal_code",
    "code_postal": "postal_code",
    "code postal": "postal_code",
    "country": "country",
    "pays": "country",
    "name": "name",
    "nom": "name",
    "email": "email",
    "e-mail": "email",
    "courriel": "email",
    "languages": "languages",
    "langues": "languages",
    "themes": "themes",
    "thèmes": "themes",
}
_VALUES = re.compile(r"[|;,]")
# The lengths of the Volunteer fields the rows go into.
MAX_ID, MAX_NAME, MAX_LANGUAGES, MAX_THEMES = 100, 150, 200, 500


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
    return sorted({value.strip().casefold() for value in _VALUES.split(cell)} - {""})


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CSVErrors(
            [
                _(
                    "ligne %(line)d : le fichier n'est pas en UTF-8. Dans Excel, choisissez "
                    "« Enregistrer sous », puis le type « CSV UTF-8 (délimité par des virgules) »."
                )
                % {"line": line}
            ]
        ) from None


def _delimiter(header: str) -> str:
    return ";" if ";" in header and "," not in header else ","


class _Reader:
    """Reads rows into `Row`s, keeping the errors instead of stopping at the first one."""

    def __init__(self, columns: dict[str, int], decimal_comma: bool) -> None:
        self.columns = columns
        self.decimal_comma = decimal_comma
        self.errors: list[str] = []
        self.error_count = 0
        self.seen: dict[str, int] = {}
        self.resolved: dict[tuple[str, str], places.Place | None] = {}

    def fail(self, line: int, message: str, **values: Any) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(
                _("ligne %(line)d : %(problem)s") % {"line": line, "problem": message % values}
            )

    def cell(self, row: list[str], name: str) -> str:
        index = self.columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def number(self, text: str, line: int, what: str) -> float | None:
        raw = text.replace(",", ".") if self.decimal_comma else text
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.fail(
                line,
                _("la %(what)s « %(value)s » n'est pas un nombre."),
                what=what,
                value=text[:30],
            )
            return None
        return value

    def point(self, row: list[str], line: int) -> tuple[float, float, bool] | None:
        lat_text, lon_text = self.cell(row, "lat"), self.cell(row, "lon")
        postal_code = self.cell(row, "postal_code")
        if lat_text or lon_text:
            if not (lat_text and lon_text):
                self.fail(line, _("donnez la latitude et la longitude, ou aucune des deux."))
                return None
            lat = self.number(lat_text, line, _("latitude"))
            lon = self.number(lon_text, line, _("longitude"))
            if lat is None or lon is None:
                return None
            if not -90 <= lat <= 90:
                self.fail(
                    line,
                    _("la latitude %(value)s n'est pas possible (entre -90 et 90)."),
                    value=lat_text[:30],
                )
                return None
            if not -180 <= lon <= 180:
                self.fail(
                    line,
                    _("la longitude %(value)s n'est pas possible (entre -180 et 180)."),
                    value=lon_text[:30],
                )
                return None
            return lat, lon, False
        if postal_code:
            country = self.cell(row, "country").upper()
            key = (postal_code, country)
            if key not in self.resolved:
                self.resolved[key] = places.resolve(postal_code, country or None)
            place = self.resolved[key]
            if place is None:
                self.fail(
                    line,
                    _(
                        "le code postal « %(code)s » est inconnu (France, Belgique, Suisse, "
                        "Luxembourg et Monaco seulement)."
                    ),
                    code=postal_code[:30],
                )
                return None
            return place.lat, place.lon, True
        self.fail(
            line, _("il manque la position : la latitude et la longitude, ou un code postal.")
        )
        return None

    def read(self, row: list[str], line: int) -> Row | None:
        errors_before = self.error_count
        ref = self.cell(row, "id")
        if not ref:
            self.fail(line, _("l'identifiant (colonne id) est vide."))
        elif len(ref) > MAX_ID:
            self.fail(line, _("l'identifiant a plus de %(limit)d caractères."), limit=MAX_ID)
        elif ref in self.seen:
            self.fail(
                line,
                _("l'identifiant « %(id)s » est déjà utilisé à la ligne %(other)d."),
                id=ref[:30],
                other=self.seen[ref],
            )
        else:
            self.seen[ref] = line
        found = self.point(row, line)
        name, email = self.cell(row, "name"), self.cell(row, "email")
        if len(name) > MAX_NAME:
            self.fail(line, _("le nom a plus de %(limit)d caractères."), limit=MAX_NAME)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.fail(
                    line, _("l'adresse e-mail « %(email)s » n'est pas valable."), email=email[:60]
                )
        languages = join_values(split_values(self.cell(row, "languages")))
        themes = join_values(split_values(self.cell(row, "themes")))
        if len(languages) > MAX_LANGUAGES:
            self.fail(line, _("la liste des langues est trop longue."))
        if len(themes) > MAX_THEMES:
            self.fail(line, _("la liste des thèmes est trop longue."))
        if found is None or self.error_count > errors_before:
            return None
        lat, lon, approximate = found
        return Row(ref, lat, lon, approximate, name, email.lower(), languages, themes)


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the number of the line where it starts (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for record in reader:
        yield line, record
        line = reader.line_num + 1


def read_people(data: bytes) -> list[Row]:
    """The people of an uploaded CSV file, or CSVErrors saying what is wrong and where."""
    if len(data) > MAX_BYTES:
        raise CSVErrors([_("Le fichier dépasse 5 Mo. Découpez la liste en plusieurs fichiers.")])
    text = _decode(data)
    first_line = next((line for line in text.splitlines() if line.strip()), None)
    if first_line is None:
        raise CSVErrors([_("Le fichier est vide.")])
    delimiter = _delimiter(first_line)
    records = _records(text, delimiter)
    try:
        header_line, header = next((at, r) for at, r in records if any(c.strip() for c in r))
    except csv.Error:
        raise CSVErrors([_("La première ligne du fichier ne se lit pas comme un CSV.")]) from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        column = ALIASES.get(name.strip().casefold())
        if column is not None and column not in columns:
            columns[column] = index
    missing = [] if "id" in columns else ["id"]
    if "lat" in columns or "lon" in columns or "postal_code" not in columns:
        missing += [name for name in ("lat", "lon") if name not in columns]
    if missing:
        raise CSVErrors(
            [
                _(
                    "ligne %(line)d : il manque la colonne %(columns)s. L'en-tête doit "
                    "nommer id, lat et lon, ou id et postal_code."
                )
                % {"line": header_line, "columns": ", ".join(missing)}
            ]
        )

    reader = _Reader(columns, decimal_comma=delimiter == ";")
    rows: list[Row] = []
    count = 0
    try:
        for line, record in records:
            if not any(cell.strip() for cell in record):
                continue
            count += 1
            if count > MAX_ROWS:
                raise CSVErrors(
                    [
                        _(
                            "Le fichier compte plus de %(limit)s personnes. Découpez la liste "
                            "en plusieurs fichiers."
                        )
                        % {"limit": f"{MAX_ROWS:,}".replace(",", "\u202f")}
                    ]
                )
            row = reader.read(record, line)
            if row is not None:
                rows.append(row)
    except csv.Error:
        reader.fail(
            header_line + count + 1,
            _("cette ligne ne se lit pas (un guillemet n'est pas fermé ?)."),
        )
    if reader.error_count:
        errors = reader.errors
        more = reader.error_count - len(errors)
        if more:
            errors.append(
                ngettext("… et %(count)d autre erreur.", "… et %(count)d autres erreurs.", more)
                % {"count": more}
            )
        raise CSVErrors(errors)
    if not rows:
        raise CSVErrors([_("Le fichier a un en-tête mais aucune personne.")])
    return rows


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
        queryset=Theme.objects.order_by("name_fr"),
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
