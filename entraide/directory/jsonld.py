"""schema.org descriptions of groups, for search engines and other tools that read them."""

import json
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from entraide.directory.models import SupportGroup


def group_json_ld(request: HttpRequest, group: SupportGroup) -> dict[str, Any]:
    """An Organization-typed description; the place is the town, never an address."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": group.name,
        "description": group.summary,
        "url": request.build_absolute_uri(group.get_absolute_url()),
        "knowsAbout": [theme.name for theme in group.themes.all()],
        "knowsLanguage": group.language_codes,
        "audience": {"@type": "Audience", "audienceType": str(group.get_audience_display())},
        "isAccessibleForFree": group.cost != SupportGroup.Cost.FIXED,
    }
    if group.town:
        data["areaServed"] = {
            "@type": "Place",
            "name": group.town,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": group.town,
                "postalCode": group.postal_code,
                "addressCountry": group.country,
            },
        }
    if group.has_place:
        data["location"] = {
            "@type": "Place",
            "name": group.town,
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": round(group.latitude or 0, 2),
                "longitude": round(group.longitude or 0, 2),
            },
        }
    if group.organisation:
        data["parentOrganization"] = {
            "@type": "Organization",
            "name": group.organisation.name,
            "url": request.build_absolute_uri(group.organisation.get_absolute_url()),
        }
    return data


def as_script_content(data: dict[str, Any]) -> SafeString:
    """JSON that can sit inside a <script> element: no "</script>" can close it early."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every character that could end the element is escaped.
