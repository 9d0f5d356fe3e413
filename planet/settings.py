"""LearningPlanet settings: one file, every value read from the environment.

`.env.example` documents each variable. Defaults give a working development
site on SQLite with local memory cache and e-mail printed on the console.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from planet.lib.env import env_bool, env_int, env_list, env_str, env_url_config

BASE_DIR = Path(__file__).resolve().parent.parent
environ.Env.read_env(BASE_DIR / ".env")  # never overrides the real environment

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", None)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-" + "x" * 40

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])
SITE_NAME = "LearningPlanet"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "ninja",
    "planet.core",
    "planet.accounts",
    "planet.moderation",
    "planet.sdgs",
    "planet.orgs",
    "planet.projects",
    "planet.programs",
    "planet.challenges",
    "planet.events",
    "planet.consultations",
    "planet.stories",
    "planet.campus",
    "planet.innovators",
    "planet.search",
    "planet.maps",
    "planet.opendata",
    "planet.apikeys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "planet.accounts.middleware.UserTimezoneMiddleware",
]

ROOT_URLCONF = "planet.urls"
WSGI_APPLICATION = "planet.wsgi.application"
ASGI_APPLICATION = "planet.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planet.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, PostgreSQL in production.
_database = env_url_config("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}", "database")
if _database["ENGINE"] not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
_database["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0)
_database["ATOMIC_REQUESTS"] = False
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env_url_config("CACHE_URL", "locmemcache://", "cache")}

# Background work (django.tasks): kept in the database, so that a task enqueued in a
# transaction is saved or dropped with it and survives restarts; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail: printed on the console unless EMAIL_URL points at an SMTP server.
_email = env_url_config("EMAIL_URL", "consolemail://", "email")
_email_options = {}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    _email_options = {
        "host": _email.get("EMAIL_HOST") or "localhost",
        "port": _email.get("EMAIL_PORT") or 25,
        "username": _email.get("EMAIL_HOST_USER") or "",
        "password": _email.get("EMAIL_HOST_PASSWORD") or "",
        "use_tls": _email.get("EMAIL_USE_TLS", False),
        "use_ssl": _email.get("EMAIL_USE_SSL", False),
        "timeout": 20,
    }
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "LearningPlanet <noreply@learningplanet.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts (django-allauth): e-mail is the login, verification is mandatory.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "planet.accounts.backends.CuratorPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:settings"  # newcomers start by filling their profile
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "planet.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "planet.accounts.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[LearningPlanet] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Per IP and per account (key) limits; allauth answers 429 with a clear page.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}

# The JSON API (/api/v1/): requests per minute per token or signed-in member, and per IP
# address for anonymous callers; over the limit the API answers 429 with Retry-After.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120, minimum=1)
API_ANONYMOUS_RATE_LIMIT_PER_MINUTE = env_int("API_ANONYMOUS_RATE_LIMIT_PER_MINUTE", 60, minimum=1)
# Unknown, expired or revoked tokens an IP address may send per minute; then every request
# of its with a token gets 429 until the minute ends (tokens cannot be guessed at speed).
API_FAILED_TOKEN_LIMIT_PER_MINUTE = env_int("API_FAILED_TOKEN_LIMIT_PER_MINUTE", 20, minimum=1)
# Proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR only, so
# that a caller cannot dodge the per-IP limit by sending the header).
NINJA_NUM_PROXIES = env_int("API_TRUSTED_PROXIES", 0, minimum=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# Internationalisation: the six UN languages; Accept-Language until a person chooses.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["planet.formats"]  # fills gaps in the Arabic and Chinese formats
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# Static and uploaded files: local storage by default, S3-compatible in production.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", None)
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", None)
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID", None)
    AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY", None)
    AWS_S3_FILE_OVERWRITE = False
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
# Static files are served by whitenoise: after collectstatic, under names that carry a hash
# of their content, cached for a year and precompressed (gzip); without the manifest
# (development, tests) they are looked up in static/ on each request.
if env_bool("STATIC_MANIFEST", not DEBUG):
    STORAGES["staticfiles"]["BACKEND"] = "planet.lib.static_storage.HashedStaticFilesStorage"
else:
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 5 * 1024 * 1024, minimum=1024)
MAX_MATERIAL_UPLOAD_BYTES = env_int("MAX_MATERIAL_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Security: HTTPS-only cookies, HSTS and secure headers whenever DEBUG is off.
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
LANGUAGE_COOKIE_SECURE = SECURE_HTTPS
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # a chosen language outlives the browser session
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_HTTPS else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "https:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.security.csrf": {"level": "WARNING"}},
}

# Open data (/opendata/): the licence of the bulk exports, as an SPDX identifier that
# planet/opendata/licences.py knows (CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODbL-1.0, ...).
OPENDATA_LICENCE = env_str("OPENDATA_LICENCE", "CC-BY-4.0")

# Maps: tile server and its attribution (OpenStreetMap by default).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str(
    "MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
