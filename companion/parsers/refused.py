"""Pages Hallway refuses, and the sentence that says why: LinkedIn's, whatever they hold (its
terms forbid reading them; its own export of your connections is the way in), and pages that
hold no event (a listing's heading, an article dated by its publication).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from companion.i18n import N_

if TYPE_CHECKING:
    from companion.model import Capture
    from companion.parsers.page import Page

LINKEDIN = N_(
    "Hallway never reads LinkedIn pages: LinkedIn's terms forbid it. To bring in your "
    "LinkedIn contacts, download Connections.csv (LinkedIn: Settings > Data privacy > Get a "
    "copy of your data > Connections) and import it on Hallway's Settings page or with "
    "`hallway import-linkedin Connections.csv`."
)
_LINKEDIN_HOSTS = ("linkedin.com", "lnkd.in", "linkedin.cn")


def on_linkedin(url: str | None) -> bool:
    """Whether the address is LinkedIn's (any subdomain: www, de, touch, ...)."""
    try:
        host = (urlsplit((url or "").strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    return any(host == h or host.endswith("." + h) for h in _LINKEDIN_HOSTS)


# --- captures that are not events ------------------------------------------------------------

NOT_AN_EVENT = N_(
    "This page has no event Hallway can read: no event title, time or attendee list was found."
)
# schema.org types of writing about something, never the thing itself: every subtype of
# Article ends in "Article" (NewsArticle, SatiricalArticle, MedicalScholarlyArticle, ...) or
# "Posting" (BlogPosting, DiscussionForumPosting, ...), except these.
_ARTICLES = {"Article", "Report", "APIReference", "Blog"}
_ARTICLE_ENDINGS = ("Article", "Posting")


def not_an_event(capture: Capture, page: Page) -> bool:
    """A page with neither an event time nor anyone at it is never an event (a discover
    page's heading, a blog post on an event platform's own domain); a listing keeps only
    its events that have a time."""
    if capture.event is None:
        capture.events = [e for e in capture.events if e.start]
        return not capture.events
    event = capture.event
    if capture.people or event.hosts or event.speakers:
        return False
    # The platform's own data names the event (Meetup's id, Luma's evt-): not an article.
    return not event.start or (event.platform_id is None and _article(page, event.start))


def _article(page: Page, start: str) -> bool:
    """Writing about something: typed as an article and not as an event, or dated only by
    its publication."""
    objects = [o for o in _objects(page.jsonld) if isinstance(o, dict)]
    typed = {t for o in objects for t in _types(o)} | _microdata_types(page)
    if any(t.endswith("Event") for t in typed):
        return False
    published = page.meta("article:published_time") or next(
        (str(o["datePublished"]) for o in objects if o.get("datePublished")), ""
    )
    return (
        any(t in _ARTICLES or t.endswith(_ARTICLE_ENDINGS) for t in typed)
        or (page.meta("og:type") or "").strip().lower() == "article"
        or (bool(published) and published[:10] == start[:10])
    )


def _microdata_types(page: Page) -> set[str]:
    """Types the page's markup declares with itemtype (WordPress themes mark posts so)."""
    declared = (str(t.get("itemtype") or "") for t in page.soup.find_all(attrs={"itemtype": True}))
    return {t.rstrip("/").rsplit("/", 1)[-1] for d in declared for t in d.split()}


def _objects(node: Any, depth: int = 0) -> list[Any]:
    if depth > 4:
        return []
    if isinstance(node, list):
        return [o for item in node for o in _objects(item, depth + 1)]
    if isinstance(node, dict):
        return [node, *_objects(node.get("@graph"), depth + 1)]
    return []


def _types(obj: dict[str, Any]) -> list[str]:
    """The object's types by their short names ("https://schema.org/BlogPosting" and
    "schema:BlogPosting" are both "BlogPosting")."""
    types = obj.get("@type")
    listed = types if isinstance(types, list) else [types]
    return [t.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in listed if isinstance(t, str)]
