"""The production settings, with what the test suite needs set beforehand."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-the-test-suite-only")
# The test client and the browser tests speak plain HTTP on loopback.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# Tests that are not about throttling should never meet it.
os.environ.setdefault("API_ANON_THROTTLE_RATE", "100000/minute")
os.environ.setdefault("API_ANON_COSTLY_THROTTLE_RATE", "100000/minute")
os.environ.setdefault("API_TOKEN_ADDRESS_THROTTLE_RATE", "100000/minute")
os.environ.setdefault("API_TOKEN_USERNAME_THROTTLE_RATE", "100000/minute")
# Nor the query time limit: on PostgreSQL it adds a statement (and in a test's
# transaction a savepoint) to each anonymous read, which the query counts the
# tests pin would include. tests/api/test_timeouts.py sets it.
os.environ.setdefault("API_ANON_QUERY_TIMEOUT_MS", "0")

from config.settings import *  # noqa: F403
from config.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Static files come from the apps, as in development: nothing to collect first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Throttle counts in memory: the database cache would add its queries to every
# query count the tests pin. tests/api/test_throttles.py uses the database cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The browser tests log in over plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
