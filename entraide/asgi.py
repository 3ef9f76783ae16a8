import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")

# Django first: the consumers' imports below need the apps to be ready.
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from entraide.circles.routing import websocket_urlpatterns  # noqa: E402
from entraide.lib.admission import Admission  # noqa: E402
from entraide.lib.checks import refuse_to_serve_without_a_secret  # noqa: E402
from entraide.lib.places import warm_up  # noqa: E402

# Pages over HTTP, as many at once as there are database connections (lib/admission.py); the
# talking circle's sockets, for the site's own pages only (the Origin must
# be one of ALLOWED_HOSTS) and with the person's session.
application = ProtocolTypeRouter(
    {
        "http": Admission(django_application),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

refuse_to_serve_without_a_secret()
# The place tables take about a second to build: do it before the first visitor comes.
warm_up()
