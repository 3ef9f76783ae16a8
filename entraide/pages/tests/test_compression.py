"""Pages leave compressed for browsers that accept it, whatever sits in front of the site."""

import gzip
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client

from entraide.directory.models import SupportGroup

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    make_group("Deuil Nantes")
    plain = client.get("/groupes/")

    packed = client.get("/groupes/", headers={"accept-encoding": "gzip, deflate, br"})

    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "Deuil Nantes" in html
    assert len(packed.content) * 2 < len(plain.content)
    assert "Content-Encoding" not in plain


def test_static_files_are_left_to_whitenoise(client: Client) -> None:
    """WhiteNoise answers static files before the page middleware sees them: in production
    with its own compressed copies made at collectstatic; here, from the sources, as they are."""
    response = client.get(
        "/static/entraide/entraide.css", headers={"accept-encoding": "gzip, deflate, br"}
    )

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body == (settings.BASE_DIR / "entraide/static/entraide/entraide.css").read_bytes()
