"""What the browser may load on the review pages: our own files, nothing from the internet.

Photos from the platforms are the one exception, and only when the user turned them on
(a view sets `g.allow_photos`).
"""

from __future__ import annotations

from flask import Response, g

from companion.ui import bp

_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:{photos}; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

# A chart (shown with <img>, which runs no script anyway) styles itself and loads nothing.
_CHART = "default-src 'none'; style-src 'unsafe-inline'"


@bp.after_request
def protect(response: Response) -> Response:
    # The guard adds the headers every answer carries (no framing, nosniff, referrer policy);
    # the pages need a stricter policy than its default, with photos only when turned on.
    photos = " https:" if g.get("allow_photos") else ""
    policy = _CHART if response.mimetype == "image/svg+xml" else _POLICY.format(photos=photos)
    response.headers["Content-Security-Policy"] = policy
    return response
