"""Limits kept in the cache (in memory, or Redis in production): a small fixed-window rate
limit (`allow`), and waits that grow with repeated failures (`Backoff`).

Keys are hashed with the secret key, so the cache holds no address in clear, and they expire
with their window.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def hashed(kind: str, key: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()
    return f"{kind}:{digest}"


def allow(key: str, limit: int, window_seconds: int) -> bool:
    """Count one more use of `key`; False once more than `limit` uses fall in the window."""
    cache_key = hashed("ratelimit", key)
    if cache.add(cache_key, 1, window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The entry expired between add() and incr(): this use opens a new window.
        cache.set(cache_key, 1, window_seconds)
        return True
    return count <= limit


@dataclass(frozen=True, slots=True)
class Backoff:
    """Waits that grow with repeated failures, rather than a lock.

    The first `free - 1` failures cost nothing; the `free`-th asks for a wait of `first`
    seconds, and each one after it doubles the wait, up to `longest`. The failures are
    forgotten `forget` seconds after the last one, or at once by `clear` (after a success).
    Two failures at the same instant may count once: a wait a little short is no harm.
    """

    name: str
    free: int
    first: int
    longest: int
    forget: int

    def _entry(self, key: str, now: float) -> tuple[int, float, float]:
        """(failures, time of the last one, end of the wait), or nothing forgotten."""
        entry = cache.get(hashed(f"backoff:{self.name}", key))
        if entry is None or now - entry[1] > self.forget:
            return (0, now, now)
        failures, last, until = entry
        return int(failures), float(last), float(until)

    def wait(self, key: str, *, now: float | None = None) -> int:
        """The seconds left to wait before `key` may try again; 0 when it may."""
        now = time.time() if now is None else now
        _failures, _last, until = self._entry(key, now)
        return max(0, math.ceil(until - now))

    def failed(self, key: str, *, now: float | None = None) -> int:
        """Count one more failure of `key`; the seconds it must now wait."""
        now = time.time() if now is None else now
        failures = self._entry(key, now)[0] + 1
        delay = 0
        if failures >= self.free:
            delay = min(self.first * 2 ** min(failures - self.free, 30), self.longest)
        cache_key = hashed(f"backoff:{self.name}", key)
        cache.set(cache_key, (failures, now, now + delay), self.forget + delay)
        return delay

    def clear(self, key: str) -> None:
        cache.delete(hashed(f"backoff:{self.name}", key))
