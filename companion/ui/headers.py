"""What the browser may load on the review pages: our own files, nothing from the internet.

Photos from the platforms are the one exception, and only when the user turned them on
(a view sets `g.allow_photos`). The pages may not be framed, so no other site can overlay
their buttons.
"""

from __future__ import annotations

from flask import Response, g

from companion.ui import bp

_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:{photos}; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@bp.after_request
def protect(response: Response) -> Response:
    photos = " https:" if g.get("allow_photos") else ""
    response.headers["Content-Security-Policy"] = _POLICY.format(photos=photos)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Links out to the platforms carry no address of ours; "no-referrer" would also make
    # Chromium send "Origin: null" on our own forms, which the guard rightly refuses.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response
