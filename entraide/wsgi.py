import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")

application = get_wsgi_application()

# The place tables take about a second to build: do it before the first visitor comes.
from entraide.lib.places import warm_up  # noqa: E402

warm_up()
