"""What a load balancer or an orchestrator asks: is the process alive, is it ready to serve.

`/livez/` answers as soon as the process runs Django (restart it when this fails). `/readyz/`
checks what a page needs: the database answers, the cache keeps what it is given, and the task
queue is not late (the oldest task waiting to run has waited less than
`READY_MAX_TASK_LAG_SECONDS`: e-mails and reminders leave through it). It answers 503 with the
failing check named when one fails, so the balancer sends people elsewhere. Neither says
anything about a person or a group: only the states and the queue's lag in seconds.
"""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max

DB_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"


@login_not_required
@never_cache
def live(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return bool(cursor.fetchone() == (1,))
    except DatabaseError:
        return False


def cache_keeps() -> bool:
    key, value = f"readyz:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        cache.set(key, value, 10)
        kept = bool(cache.get(key) == value)
        cache.delete(key)
    except Exception:  # any failure of the cache's server means "not ready"
        return False
    return kept


def task_lag_seconds() -> float | None:
    """How long the oldest task ready to run has waited; None when tasks do not queue here."""
    if settings.TASKS["default"]["BACKEND"] != DB_TASKS_BACKEND:
        return None
    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    # A task without a time runs as soon as it is queued; one with a time, from that time.
    waiting = ready.filter(run_after=get_date_max()).aggregate(oldest=Min("enqueued_at"))
    due = ready.exclude(run_after=get_date_max()).aggregate(oldest=Min("run_after"))
    oldest = [when for when in (waiting["oldest"], due["oldest"]) if when is not None]
    return max(0.0, (now - min(oldest)).total_seconds()) if oldest else 0.0


@login_not_required
@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    checks: dict[str, Any] = {}
    ok = database_answers()
    checks["database"] = "ok" if ok else "failing"
    cache_ok = cache_keeps()
    checks["cache"] = "ok" if cache_ok else "failing"
    lag = task_lag_seconds() if ok else None
    tasks_ok = lag is None or lag <= settings.READY_MAX_TASK_LAG_SECONDS
    if lag is not None:
        checks["tasks"] = {"lag_seconds": round(lag), "state": "ok" if tasks_ok else "late"}
    ready_now = ok and cache_ok and tasks_ok
    return JsonResponse(
        {"status": "ready" if ready_now else "unavailable", "checks": checks},
        status=200 if ready_now else 503,
    )
