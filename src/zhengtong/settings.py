"""One settings module for every deployment; every knob is an environment variable (ZT_*).

No production-only settings files: `make demo`, CI and a city's servers differ only in their environment.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from whitenoise.compress import Compressor

from zhengtong.core.queue import SealedSerializer

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("ZT_VAR_DIR", "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = _env_bool("ZT_DEBUG", False)
# Behind TLS (production): secure cookies, HSTS, redirect to https. Off for the local demo over plain http.
HTTPS = _env_bool("ZT_HTTPS", False)


def _secret_key() -> str:
    """ZT_SECRET_KEY in production; the demo keeps a generated key under var/ so sessions survive restarts."""
    key = os.environ.get("ZT_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("ZT_ALLOWED_HOSTS", "127.0.0.1,localhost")
# The public site's address as people type it (https://www.bl.gov.cn), for links that leave the site (找错).
SITE_ORIGIN = os.environ.get("ZT_SITE_ORIGIN", "").rstrip("/")
CSRF_TRUSTED_ORIGINS = _env_list("ZT_CSRF_TRUSTED_ORIGINS", "")

# public: portal and public API only (互联网区); internal: workbench, admin, exchange API (政务外网/内网); all.
SITE_ROLE = os.environ.get("ZT_SITE_ROLE", "all")
if SITE_ROLE not in {"all", "public", "internal"}:
    raise RuntimeError("ZT_SITE_ROLE 只能是 all、public 或 internal")

INSTALLED_APPS = [
    "zhengtong.core",
    "zhengtong.workdays",
    "zhengtong.audit",
    "zhengtong.accounts",
    "zhengtong.org",
    "zhengtong.notifications",
    "zhengtong.files",
    "zhengtong.search",
    "zhengtong.supervision",
    "zhengtong.evaluation",
    "zhengtong.sharing",
    "zhengtong.approvals",
    "zhengtong.disclosure",
    "zhengtong.letters",
    "zhengtong.portal",
    "zhengtong.workbench",
    "zhengtong.api",
    "zhengtong.demo",
    "zhengtong.ops",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # its widget templates, Jinja2's and Django's, for the form renderer (core/forms.py)
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "treebeard",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zhengtong.core.middleware.SiteRoleMiddleware",
    "zhengtong.core.middleware.RejectNulMiddleware",
    "zhengtong.core.middleware.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhengtong.accounts.middleware.IdleSessionMiddleware",
    "zhengtong.core.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zhengtong.accounts.middleware.StaffZoneMiddleware",
    "zhengtong.accounts.middleware.SecondFactorMiddleware",
    "zhengtong.audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhengtong.urls"
WSGI_APPLICATION = "zhengtong.wsgi.application"

TEMPLATES = [
    {  # the project's pages, layout and partials: each app's jinja2/ directory (core/jinja.py, decision 0022)
        "BACKEND": "zhengtong.core.jinja.Jinja2",
        "NAME": "jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "zhengtong.core.jinja.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhengtong.portal.context.site",
                "zhengtong.workbench.context.modules",  # after site: its navigation on workbench pages
            ],
        },
    },
    {  # Django's admin, and the widgets of admin's own that the form renderer finds only here (core/forms.py)
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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
FORM_RENDERER = "zhengtong.core.forms.FormRenderer"

# --- database -------------------------------------------------------------------------------------------------
SQLITE_PATH = VAR_DIR / "zhengtong.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("ZT_DATABASE_URL") or f"sqlite:///{SQLITE_PATH}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while a clerk writes; IMMEDIATE takes the write lock at BEGIN so two writers
    # queue on busy_timeout instead of failing with "database is locked" halfway through a service call.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _env_bool("ZT_DB_PREPARE", True):
    # psycopg prepares a statement once a connection has run it five times, so PostgreSQL stops planning it on
    # every request: the letter page's four-table join planned in 0.38 ms and ran in 0.08 ms (decision 0009).
    # Statements whose best plan depends on their parameters say so (search/backends.py). Behind a
    # transaction-mode pooler that cannot keep prepared statements, set ZT_DB_PREPARE=0.
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Behind a transaction-mode pooler a server-side cursor (an export's chunked read) dies with its transaction.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- jobs -------------------------------------------------------------------------------------------------------
REDIS_URL = os.environ.get("ZT_REDIS_URL", "")
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "zhengtong", "url": REDIS_URL, "immediate": False}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "zhengtong",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }
HUEY["consumer"] = {"workers": 2, "worker_type": "thread"}
# A task's arguments wait in the store until a worker runs them, personal data among them: sealed (core/queue.py).
HUEY["serializer"] = SealedSerializer()
# No caller reads a task's return value; stored, every one would stay in the queue's store forever.
HUEY["results"] = False

# Throttles, counts and page keys must agree across web workers, so the cache is shared in every setup: Redis
# when there is one, else files under var/ (decision 0014). Not the database's cache table: its writes would
# roll back with the request's transaction, and a refused request would forgive the wrong guesses it counted.
# MAX_ENTRIES is high so that culling never forgets a throttle's count under a flood of other keys.
CACHES = (
    {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    if REDIS_URL
    else {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
)

# --- identities -------------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must be first: refuses a locked-out username+IP before any check
    "zhengtong.accounts.backends.IdentifierBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# OWASP ASVS 5.0 V6: length >= 8, no common passwords, no composition rules, no forced rotation.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# 等保2.0: idle timeout about 30 minutes. accounts.middleware.IdleSessionMiddleware saves an active session at
# most once a minute, which makes the age an idle age without a write on every request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout keyed on username+IP with a cool-off: an attacker cannot lock a victim out for good.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zhengtong.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "zhengtong.accounts.lockout.account_key"  # the account, however its identifier is spelled
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # guesses while locked do not extend the lock
AXES_VERBOSE = False

OTP_TOTP_ISSUER = os.environ.get("ZT_OTP_ISSUER", "政通")

# --- i18n -------------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static and media -------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start when the folder is missing
MEDIA_ROOT = Path(os.environ.get("ZT_MEDIA_DIR", VAR_DIR / "media")).resolve()
# An upload is never written in clear to a temporary file (files/upload_handler.py).
FILE_UPLOAD_HANDLERS = ["zhengtong.files.upload_handler.UploadsNeverInClear"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "zhengtong.core.staticstorage.StaticStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Source maps are fetched only by a developer's browser tools; compressing them took about 18 of the 45 s that
# collecting spends before a first start listens (WhiteNoise's own list is kept).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# --- security headers -------------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SILENCED_SYSTEM_CHECKS = [] if HTTPS else ["security.W004", "security.W008", "security.W012", "security.W016"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Covering indexes (INCLUDE) are PostgreSQL's; SQLite builds the same index on its key columns alone.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- API --------------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes a refused request a 401, as clients expect.
        "zhengtong.accounts.api_auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "zhengtong.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "zhengtong.core.paging.BoundedPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "政通 API",
    "DESCRIPTION": "政通电子政务平台接口。错误统一返回 {code, message, fields}。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation's error answers in the one error shape (api/error_answers.py), after the enums' own hook.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "zhengtong.api.error_answers.add_error_answers",
    ],
    # Several case types have a "state", a "kind" or a "channel" of their own: each its own enum by name.
    "ENUM_NAME_OVERRIDES": {
        "LetterStateEnum": "zhengtong.letters.models.State",
        "LetterKindEnum": "zhengtong.letters.models.Kind",
        "LetterChannelEnum": "zhengtong.letters.models.Channel",
        "DisclosureRequestStateEnum": "zhengtong.disclosure.models.RequestState",
        "DisclosureRequestChannelEnum": "zhengtong.disclosure.models.Channel",
        "DocumentStateEnum": "zhengtong.disclosure.models.State",
        "ApplicationStatusEnum": "zhengtong.approvals.models.applications.Status",
        "EvaluationScoreEnum": "zhengtong.evaluation.models.Score",
        "ShareRequestStateEnum": "zhengtong.sharing.models.grants.ShareRequest.State",
    },
}

# --- audit ------------------------------------------------------------------------------------------------------
# The chain is keyed (HMAC) so that someone who can write the table cannot re-hash a forged tail.
# Keep ZT_AUDIT_KEY off the database server; it defaults to a key derived from SECRET_KEY.
AUDIT_KEY = os.environ.get("ZT_AUDIT_KEY", "")


def _field_keys() -> str:
    """ZT_FIELD_KEY encrypts personal data at rest (core/crypto.py). The demo keeps a generated key under var/,
    like the secret key; production sets it, outside the database (`check --deploy` requires it behind TLS)."""
    key = os.environ.get("ZT_FIELD_KEY")
    if key:
        return key
    path = VAR_DIR / "field_key"
    if not path.exists():
        import base64
        import secrets

        path.write_text(base64.b64encode(secrets.token_bytes(32)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


FIELD_KEYS = _field_keys()
FIELD_KEY_FROM_ENV = bool(os.environ.get("ZT_FIELD_KEY"))
# Where the signed chain heads go (audit/anchor.py): another machine or a write-once mount in production.
AUDIT_ANCHOR_DIR = Path(os.environ.get("ZT_AUDIT_ANCHOR_DIR", VAR_DIR / "audit-anchors")).resolve()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # no personal data in a log line (issue 20): a path's ID number or mobile is masked (privacy/logs.py)
    "filters": {"personal": {"()": "zhengtong.privacy.logs.MaskPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZT_LOG_LEVEL", "WARNING")},
}

# 政府信息公开条例 第三十条: "合理的补正期限" is the office's to set (working days the correction notice gives).
DISCLOSURE_CORRECTION_DAYS = int(os.environ.get("ZT_DISCLOSURE_CORRECTION_DAYS", "15"))
# 国办函〔2020〕109号: the applicant pays within 20 working days of the fee notice.
DISCLOSURE_FEE_DAYS = int(os.environ.get("ZT_DISCLOSURE_FEE_DAYS", "20"))

# The address people reach the site at, for links sent outside it (the 好差评 SMS link).
PUBLIC_URL = os.environ.get("ZT_PUBLIC_URL", f"http://{ALLOWED_HOSTS[0]}:8000").rstrip("/")
# 好差评 (国办发〔2019〕51号): a case may be rated for this many days after it concludes; a 差评 is verified within
# one working day and rectified within five (local settings, DOMAIN §4).
EVALUATION_DAYS = int(os.environ.get("ZT_EVALUATION_DAYS", "15"))
EVALUATION_VERIFY_DAYS = int(os.environ.get("ZT_EVALUATION_VERIFY_DAYS", "1"))
EVALUATION_RECTIFY_DAYS = int(os.environ.get("ZT_EVALUATION_RECTIFY_DAYS", "5"))
# The ranking's score: weights of its parts (they must sum to 100) and the lower bounds of the bands.
EVALUATION_WEIGHTS = {"satisfaction": 45, "on_time": 25, "time_used": 10, "rectified": 20}
EVALUATION_BANDS = ((90, "优秀"), (80, "良好"), (60, "合格"))
EVALUATION_MIN_RATINGS = int(os.environ.get("ZT_EVALUATION_MIN_RATINGS", "20"))  # fewer: ranked, not banded

# 数据共享 (DOMAIN §6): a conditional share request is decided within this many working days.
SHARING_DECISION_DAYS = int(os.environ.get("ZT_SHARING_DECISION_DAYS", "10"))
# The exchange log's signer (sharing/signing.py) and its private key: a base64 32-byte Ed25519 seed, or several
# comma-separated, the current first (the older ones verify what they signed). Without one the key is derived from
# SECRET_KEY (a demo's); a deployment sets its own and publishes the public key.
EXCHANGE_SIGNER = os.environ.get("ZT_EXCHANGE_SIGNER", "zhengtong.sharing.signing.Ed25519Signer")
EXCHANGE_SIGNING_KEY = os.environ.get("ZT_EXCHANGE_SIGNING_KEY", "")

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("ZT_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("ZT_EMAIL_HOST", "localhost")
EMAIL_TIMEOUT = 30  # seconds: far inside the outbox's lease (notifications/tasks.py), so a hung server is a failure
DEFAULT_FROM_EMAIL = os.environ.get("ZT_EMAIL_FROM", "noreply@localhost")
