"""The API's JSON goes through orjson, and what orjson refuses still gets Flask's answer."""

from __future__ import annotations

import math
from datetime import date

from companion.jsonio import OrjsonProvider


def test_what_orjson_reads_and_what_it_leaves_to_flask(app):
    json = OrjsonProvider(app)
    assert json.loads(b'{"rows": ["<li>Ada</li>"], "n": 3}') == {"rows": ["<li>Ada</li>"], "n": 3}
    assert json.loads("[18446744073709551616]") == [2**64]  # beyond 64 bits: Flask's reader
    assert math.isnan(json.loads("[NaN]")[0])


def test_what_orjson_writes_and_what_it_leaves_to_flask(app):
    json = OrjsonProvider(app)
    assert json.dumps({"day": date(2025, 6, 12), 7: "seven"}) == '{"day":"2025-06-12","7":"seven"}'
    assert json.loads(json.dumps({"big": 2**70})) == {"big": 2**70}
