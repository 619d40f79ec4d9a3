"""Forms on the review pages carry a token no other site can know (cross-site requests).

Any web page can make the browser post a form to 127.0.0.1; it cannot read our pages (the
Host check stops DNS rebinding), so a secret in every form proves the post came from one of
them. The secret is derived from the pairing token: it survives a restart, so open pages
keep working, and never reveals the token itself. Browsers that say where a request came
from (Sec-Fetch-Site) are refused outright when it is another site.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import abort, current_app, request

from companion.i18n import _
from companion.ui import bp

FIELD = "csrf_token"
_PURPOSE = b"hallway review page forms"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def token() -> str:
    key = current_app.config["HALLWAY_TOKEN"].encode()
    return hmac.new(key, _PURPOSE, hashlib.sha256).hexdigest()


@bp.before_request
def check() -> None:
    if request.method in _SAFE_METHODS:
        return
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in {"same-origin", "none"}:
        abort(403, _("Forms from other sites are refused."))
    sent = request.form.get(FIELD, "")
    if not hmac.compare_digest(sent.encode(), token().encode()):
        abort(403, _("This form is out of date or came from another site: reload the page."))


@bp.app_context_processor
def _in_templates() -> dict[str, object]:
    return {"csrf_field": FIELD, "csrf_token": token}
