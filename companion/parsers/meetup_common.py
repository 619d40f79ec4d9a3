"""What every Meetup parser shares: the Apollo cache reader and Meetup's URL and photo forms."""

from __future__ import annotations

import re
from typing import Any

from companion.parsers.page import Page

EVENT_URL = re.compile(r"/events/(\d+)")
MEMBER_URL = re.compile(r"/members/(\d+)")
PHOTO_OF = re.compile(r"^Photo of (the user )?", re.IGNORECASE)


class Apollo:
    """The normalized Apollo cache: objects keyed "Type:id", linked by {"__ref": key}."""

    def __init__(self, state: dict[str, Any]):
        self.state = state

    def get(self, value: Any) -> Any:
        if isinstance(value, dict) and "__ref" in value:
            return self.state.get(value["__ref"]) or {}
        return value if value is not None else {}

    def field(self, obj: dict[str, Any], prefix: str) -> list[Any]:
        """Values of keys such as `rsvps({"filter":...})`: arguments are baked into the key."""
        return [v for k, v in obj.items() if k == prefix or k.startswith(prefix + "(")]

    def of_type(self, typename: str) -> list[dict[str, Any]]:
        return [v for k, v in self.state.items() if k.startswith(typename + ":")]


def page_props(page: Page) -> dict[str, Any]:
    props = ((page.next_data or {}).get("props") or {}).get("pageProps")
    return props if isinstance(props, dict) else {}


def apollo(page: Page) -> Apollo | None:
    state = page_props(page).get("__APOLLO_STATE__")
    return Apollo(state) if isinstance(state, dict) else None


def member_url(member_id: str) -> str:
    return f"https://www.meetup.com/members/{member_id}/"


def photo_url(photo: Any) -> str | None:
    if isinstance(photo, dict) and photo.get("baseUrl") and photo.get("id"):
        return f"{photo['baseUrl']}{photo['id']}/90x90.jpg"
    return None


def event_id(url: str | None) -> str | None:
    match = EVENT_URL.search(url or "")
    return match.group(1) if match else None


def slash(url: str | None) -> str | None:
    return url if not url or url.endswith("/") else url + "/"
