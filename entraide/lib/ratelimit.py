"""A small fixed-window rate limit kept in the cache (in memory, or Redis in production).

Keys are hashed with the secret key, so the cache holds no address in clear, and they expire
with their window.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def allow(key: str, limit: int, window_seconds: int) -> bool:
    """Count one more use of `key`; False once more than `limit` uses fall in the window."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()
    cache_key = f"ratelimit:{digest}"
    if cache.add(cache_key, 1, window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The entry expired between add() and incr(): this use opens a new window.
        cache.set(cache_key, 1, window_seconds)
        return True
    return count <= limit
