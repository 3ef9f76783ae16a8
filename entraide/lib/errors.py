"""The site's own error pages, translated: 400, 403, 404, 429 and 500 (`entraide/urls.py` names
them, allauth renders `429.html` itself).

Django's defaults render 400 and 500 without the request, so our page frame would lose its
language and its menu; these views render 400, 403 and 404 with it. The 500 page is drawn with
no context processor and no database: whatever broke may be the database itself.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)
