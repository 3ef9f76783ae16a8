"""The cache as an optimisation only: when Redis is away (restarted, failing over), a read is a
miss and a write is lost, with a warning in the logs, and the page is drawn anyway — never a
500 for want of a cache. `deploy/drills.py` restarts Redis under load to check it."""

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _unreachable(operation: str) -> None:
    logger.warning("The cache did not answer: %s done without it", operation)


class ForgivingRedisCache(RedisCache):
    def _forgiving[T](self, operation: str, call: Callable[[], T], instead: T) -> T:
        try:
            return call()
        except UNREACHABLE:
            _unreachable(operation)
            return instead

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._forgiving(
            "get", lambda: super(ForgivingRedisCache, self).get(key, default, version), default
        )

    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> bool:
        return self._forgiving(
            "add", lambda: super(ForgivingRedisCache, self).add(key, value, timeout, version), False
        )

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:
        self._forgiving(
            "set", lambda: super(ForgivingRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key: Any, timeout: Any = None, version: int | None = None) -> bool:
        return self._forgiving(
            "touch", lambda: super(ForgivingRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._forgiving(
            "delete", lambda: super(ForgivingRedisCache, self).delete(key, version), False
        )

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._forgiving(
            "get_many", lambda: super(ForgivingRedisCache, self).get_many(keys, version), {}
        )

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._forgiving(
            "has_key", lambda: super(ForgivingRedisCache, self).has_key(key, version), False
        )

    def set_many(
        self, data: dict[Any, Any], timeout: Any = None, version: int | None = None
    ) -> list[Any]:
        return self._forgiving(
            "set_many",
            lambda: super(ForgivingRedisCache, self).set_many(data, timeout, version),
            list(data),
        )

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        self._forgiving(
            "delete_many", lambda: super(ForgivingRedisCache, self).delete_many(keys, version), None
        )

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        """Without the cache, the key is as good as missing: ValueError, as Django says of a
        missing key, which its callers already handle."""
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE:
            _unreachable("incr")
            raise ValueError("the cache did not answer") from None
