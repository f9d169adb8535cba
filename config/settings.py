"""Settings for Media Catalog, read from the environment.

Development: ``DJANGO_DEBUG=1`` (the Makefile sets it for ``make run``).
Production: set ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and
``DATABASE_URL``; leave ``DJANGO_DEBUG`` unset.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. `make run` writes a development key to .env; "
        "in production set it in the environment."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "catalog.apps.CatalogAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "corsheaders",
    "rest_framework",
    "catalog.apps.ApiTokensConfig",  # django-rest-knox
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "catalog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses API answers to anonymous clients only (BREACH; catalog/api/caching.py).
    "catalog.api.caching.AnonymousApiGZipMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    # Before anything that may answer on its own (WhiteNoise, CommonMiddleware's redirects).
    "corsheaders.middleware.CorsMiddleware",
    # An anonymous revalidation of an API read: its 304 before sessions, auth and
    # DRF (catalog/api/caching.py). After CORS, whose headers a 304 carries too.
    "catalog.api.caching.RevalidationMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who changed a record, and through what (admin, API): catalog/history.py.
    "catalog.history.HistoryMiddleware",
    # Cache-Control and Vary of every API answer, once the user is known.
    "catalog.api.caching.ApiCacheHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: it turns a locked-out login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

# Axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Admin templates the catalog replaces (admin/base_site.html): searched
        # before the apps, where django.contrib.admin comes first.
        "DIRS": [BASE_DIR / "catalog" / "templates_overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite under the project unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several readers beside one writer, and no "database is locked" on short waits.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The hot paths' queries by key (catalog/models/lookups.py) are prepared once
    # they have run this many times on a connection, and planned no more; empty:
    # never (a PgBouncer in transaction mode older than 1.21). The ORM's own
    # queries bind their values on the client and are never prepared.
    _prepare_after = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5")
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        int(_prepare_after) if _prepare_after else None
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# Edit history (catalog/history.py): a change reason may name a long file path.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# Versions are read by record (its id, indexed), never across the catalog by date:
# no index on history_date, one write less per version an import records.
SIMPLE_HISTORY_DATE_INDEX = False
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Image uploads: larger files, images of more pixels, and images whose pixels
# would take more memory to decode and convert (decompression bombs: a small
# PNG can declare gigabytes), are refused before a pixel is decoded;
# renditions fit in these boxes (width, height).
MAX_IMAGE_BYTES = int(os.environ.get("MAX_IMAGE_BYTES", str(50 * 1024 * 1024)))
MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", str(50_000_000)))
MAX_IMAGE_DECODED_BYTES = int(os.environ.get("MAX_IMAGE_DECODED_BYTES", str(256 * 1024 * 1024)))
# Article files (admin uploads, `import_articles`): larger ones are refused
# unread; real pages are 20-100 KB.
MAX_ARTICLE_BYTES = int(os.environ.get("MAX_ARTICLE_BYTES", str(2 * 1024 * 1024)))
PHOTO_RENDITIONS = {"thumbnail": (240, 240), "web": (1280, 1280)}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development WhiteNoise serves the apps' files directly (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Security: safe defaults whenever DEBUG is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Scripts, styles, fonts and data only from this site: the admin, the browsable
# API and the API documentation need nothing else (Swagger UI's script is served
# as a file, not inline). Images may also come from the origins where media files
# are kept, such as an S3 bucket.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", *env_list("DJANGO_CSP_IMAGE_ORIGINS")],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# Behind reverse proxies, the client is the address the outermost one saw (see
# catalog/logins.py); without them it is the connection's own. The login lockouts
# and the API's throttles both know a client by it.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# The API's throttles count in this cache, shared by every worker and server:
# Redis when REDIS_URL names one, else a table of the database (created by the
# migrations; `manage.py createcachetable` makes it after a switch from Redis).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        # Django's backend, keeping its redis clients (config/cache.py).
        {"BACKEND": "config.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "catalog_cache",
            # One entry per client and throttle: room for many clients before culling.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    )
}

# Logins (the admin form, /api/token/): after AXES_FAILURE_LIMIT failures for one
# username from one address, that pair is refused with 429 for the cool-off. Keyed
# on both, so that failures from elsewhere cannot lock an editor out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# 0 minutes: locked out until `manage.py axes_reset_username`.
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15"))) or None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "catalog.logins.client_ip"
AXES_LOCKOUT_CALLABLE = "catalog.logins.lockout_response"

# Cross-origin reads of the API only, and only from the origins listed; no cookies.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_CREDENTIALS = False

# Request bodies: form and JSON fields, and how many files one request may carry.
# Files stream to disk past FILE_UPLOAD_MAX_MEMORY_SIZE; their own limit is
# MAX_IMAGE_BYTES, and the web server's body limit bounds the whole request.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", "2621440"))
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FILES", "100"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

REST_FRAMEWORK = {
    "VIEW_NAME_FUNCTION": "catalog.api.renderers.view_name",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "catalog.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["catalog.api.permissions.ReadOnlyOrStaffWithModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "catalog.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "catalog.api.throttles.AnonRateThrottle",
        "catalog.api.throttles.CostlyAnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_THROTTLE_RATE", "120/minute"),
        "anon_costly": os.environ.get("API_ANON_COSTLY_THROTTLE_RATE", "20/minute"),
        "token_address": os.environ.get("API_TOKEN_ADDRESS_THROTTLE_RATE", "10/minute"),
        "token_username": os.environ.get("API_TOKEN_USERNAME_THROTTLE_RATE", "5/minute"),
    },
    # For any stock DRF throttle: the same proxies as catalog.logins.client_ip.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_PARSER_CLASSES": [
        "catalog.api.parsers.JSONParser",
        "catalog.api.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "catalog.api.renderers.JSONRenderer",
        "catalog.api.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "catalog.api.errors.exception_handler",
}
# API tokens (django-rest-knox): only a SHA-512 digest of each is stored; a token
# lasts API_TOKEN_TTL_HOURS from its creation, and all of a user's tokens end
# when their password changes (catalog/signals.py).
API_TOKEN_TTL_HOURS = int(os.environ.get("API_TOKEN_TTL_HOURS", str(30 * 24)))
if API_TOKEN_TTL_HOURS < 1:
    raise ImproperlyConfigured("API_TOKEN_TTL_HOURS must be a whole number of hours, at least 1")
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=API_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
# How long a shared cache or a client may keep an anonymous read of the API
# (Cache-Control: public, max-age) before revalidating it with its ETag.
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "100"))
# Anonymous reads: how deep into a list (page * page_size; 0 for no limit), and
# how long one SQL query may run before the request answers 503 (0 for no limit).
API_ANON_MAX_RESULTS = int(os.environ.get("API_ANON_MAX_RESULTS", "10000"))
API_ANON_QUERY_TIMEOUT_MS = int(os.environ.get("API_ANON_QUERY_TIMEOUT_MS", "2000"))
# Unfiltered lists of bigger tables show the database's estimate of their size
# instead of counting every row on every page (catalog.paginators).
COUNT_ESTIMATE_ABOVE = int(os.environ.get("COUNT_ESTIMATE_ABOVE", "10000"))

SPECTACULAR_SETTINGS = {
    "TITLE": "Media Catalog API",
    "DESCRIPTION": (
        "Slideshows, photos with their credits and content warnings, photographers, "
        "agencies, videos with transcripts, and the articles they came from. "
        "Anyone may read; staff with the model permissions may write."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "catalog.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "WarningKindEnum": "catalog.models.WarningKind",
        "CreditRoleEnum": "catalog.models.CreditRole",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
