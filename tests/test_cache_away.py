"""The cache is an optimisation: with Redis away (here, a port where nothing listens), a read
is a miss, a write is lost, a counter is as good as missing, and a warning says so; nothing
raises to the page (lib/cache.py, `make drills` restarts Redis under load)."""

import logging

import pytest
from django.core.cache import caches
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from entraide.circles.tests.server import free_port
from entraide.lib import ratelimit
from entraide.lib.cache import ForgivingRedisCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_away(settings: SettingsWrapper) -> ForgivingRedisCache:
    settings.CACHES = {
        "default": {
            "BACKEND": "entraide.lib.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    cache = caches["default"]
    assert isinstance(cache, ForgivingRedisCache)
    return cache


def test_every_operation_goes_on_without_the_cache(
    redis_away: ForgivingRedisCache, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="entraide.lib.cache"):
        assert redis_away.get("clé", "par défaut") == "par défaut"
        assert redis_away.add("clé", 1) is False
        redis_away.set("clé", 1)
        assert redis_away.get_many(["a", "b"]) == {}
        assert redis_away.has_key("clé") is False
        assert redis_away.delete("clé") is False
        with pytest.raises(ValueError, match="the cache did not answer"):
            redis_away.incr("clé")

    assert "The cache did not answer: get done without it" in caplog.text
    assert "incr" in caplog.text


def test_a_rate_limit_lets_people_through_rather_than_failing(
    redis_away: ForgivingRedisCache,
) -> None:
    assert ratelimit.allow("contact:203.0.113.7", 1, 60)
    assert ratelimit.allow("contact:203.0.113.7", 1, 60)


def test_the_pages_are_drawn_without_the_cache(redis_away: ForgivingRedisCache) -> None:
    answers = [
        Client().get(path).status_code for path in ("/", "/groupes/?q=deuil", "/organisations/")
    ]

    assert answers == [200, 200, 200]


def test_readiness_still_says_the_cache_is_failing(redis_away: ForgivingRedisCache) -> None:
    ready = Client().get("/readyz/")

    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"] == "failing"
