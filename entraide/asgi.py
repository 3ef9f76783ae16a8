import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")

application = get_asgi_application()

from entraide.lib.checks import refuse_to_serve_without_a_secret  # noqa: E402
from entraide.lib.places import warm_up  # noqa: E402

refuse_to_serve_without_a_secret()
# The place tables take about a second to build: do it before the first visitor comes.
warm_up()
