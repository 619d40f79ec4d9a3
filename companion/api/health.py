from flask import jsonify

from companion import API_VERSION, APP_NAME, __version__
from companion.api import bp


@bp.get("/health")
def health():
    return jsonify(app=APP_NAME, version=__version__, api=API_VERSION)


@bp.get("/session")
def session():
    """Answers only with the right token: lets the extension check its pairing."""
    return jsonify(app=APP_NAME, paired=True)
