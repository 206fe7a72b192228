"""The WSGI entry point for gunicorn and other servers: production settings unless told otherwise.

(`manage.py runserver`, which `make run` uses, defaults to the development settings instead.)
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()
