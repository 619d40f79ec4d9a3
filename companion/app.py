"""The app factory: wires the store, the checks, the API and the pages together."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

from companion import api, config, guard, i18n, tokens, ui
from companion.i18n import _
from companion.jsonio import OrjsonProvider
from companion.method.settings import page_language
from companion.pairing.requests import Desk
from companion.store import Store
from companion.store.errors import StoreWriteError


def create_app(data_dir: Path | str | None = None, port: int = config.DEFAULT_PORT) -> Flask:
    app = Flask(__name__)
    app.json = OrjsonProvider(app)
    folder = config.data_dir(data_dir)
    app.config.update(
        HALLWAY_DATA_DIR=folder,
        HALLWAY_PORT=port,
        HALLWAY_TOKEN=tokens.get_or_create(folder),
        MAX_CONTENT_LENGTH=config.MAX_BODY_BYTES,
    )
    app.extensions["hallway_store"] = Store(folder)
    app.extensions["hallway_pairing"] = Desk()
    _speak_the_users_language(app)
    guard.install(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(ui.bp)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StoreWriteError, _store_write_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app


def _speak_the_users_language(app: Flask) -> None:
    """Each request speaks the language of the settings, else the browser's (Accept-Language)."""

    @app.before_request
    def choose() -> None:
        with app.extensions["hallway_store"].reading() as net:
            settings = net.settings
        g.speaking = i18n.start(page_language(settings, request.headers.get("Accept-Language")))

    @app.teardown_request
    def done(_error: BaseException | None) -> None:
        # A thread serves one request after another: none keeps the last one's language.
        if "speaking" in g:
            i18n.stop(g.pop("speaking"))

    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # a sentence's line breaks are not its words
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.template_gettext, i18n.template_ngettext, newstyle=True
    )
    app.jinja_env.globals["language"] = i18n.current


def _store_write_error(error: StoreWriteError):
    # 507 Insufficient Storage for a full disk; 503 while the folder cannot be written.
    return jsonify(error=str(error)), 507 if error.full else 503


def _http_error(error: HTTPException):
    """Every error is one sentence: JSON for the API, plain text for the pages."""
    message = error.description or error.name
    if request.path.startswith("/api/"):
        return jsonify(error=message), error.code
    return message, error.code, {"Content-Type": "text/plain; charset=utf-8"}


def _too_large(error: RequestEntityTooLarge):
    limit = config.MAX_BODY_BYTES // (1024 * 1024)
    return _http_error(
        RequestEntityTooLarge(
            _("The request is larger than %(limit)s MB, the most Hallway accepts.", limit=limit)
        )
    )


def _unexpected_error(error: Exception):
    # Logged for the developer with its traceback; the user gets a sentence, not the trace.
    current_app.logger.exception("Unexpected error on %s", request.path)
    return _http_error(
        InternalServerError(
            _(
                "Something went wrong inside Hallway; nothing was changed. "
                "The companion's log has the details."
            )
        )
    )
