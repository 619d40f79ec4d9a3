"""People in a Meetup page's DOM: the attendees page, the attendee panel, the avatar strips.

Every era links a person to their profile, `/members/<id>/` now and
`/<group>/members/<id>/profile/` before 2021, so the member link is the row's anchor; the name
comes from the photo's alt text or aria-label when there is one (the visible text may be
shortened). The list is virtualized: the extension sends the rows it saw while scrolling as
fragments, which overlap; each member is kept once. Links in the page header and navigation
are the viewer's own and are skipped. Where rows carry no link (the organizer's view), the
photo's alt text ("Photo of the user ...") names the person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property

from bs4 import Tag

from companion.model import Person
from companion.parsers.meetup_common import MEMBER_URL, PHOTO_OF, member_url
from companion.parsers.page import Elements, Page, classes
from companion.parsers.text import clean, first_int

# Role labels, visible text in several languages, and the 2020 role class names.
_HOST = re.compile(r"\b(event host|host|hôte|anfitri[oó]n|gastgeber)\b", re.IGNORECASE)
_ORGANIZER = re.compile(
    r"\b(co-?organi[sz]er|organi[sz]er|co-?organisateur|organisateur|organizador|veranstalter)\b",
    re.IGNORECASE,
)
_ROLE_CLASS_NAME = "member-role-type-"
_ROLE_CLASS = re.compile(_ROLE_CLASS_NAME + r"(\w+)")
_BACKGROUND = re.compile(r"url\(['\"]?([^'\")]+)['\"]?\)")
_RANK = {"attendee": 0, "organizer": 1, "host": 2}


def is_attendee_list(page: Page) -> bool:
    return (
        "/attendees" in (page.url or "")
        or bool(page.fragments)
        or page.select_one('[data-testid="attendees-tab-container"]') is not None
    )


def count(page: Page) -> int | None:
    """The number going, from the attendee tabs ("Going 42") or the sample ("Participants (25)")."""
    label = page.select_one(
        '[data-testid="attendees-tab-container"] button, .attendees-sample-total'
    )
    return first_int(label.get_text(" ")) if label else None


def people(page: Page) -> list[Person]:
    # Only the 2020 rows name roles in classes; a substring test spares the rest a class scan.
    role_classes = any(_ROLE_CLASS_NAME in text for text in (page.html, *page.fragments))
    found: dict[str, Person] = {}
    for elements in [page.elements, *map(Elements, page.fragment_roots)]:
        for person in _rows(elements, role_classes):
            key = person.platform_id or person.name
            known = found.get(key)
            found[key] = _merge(known, person) if known else person
    return list(found.values())


def _rows(elements: Elements, role_classes: bool) -> list[Person]:
    """The people of one root: the page or a fragment."""
    out = []
    skipped = _in_header(elements)
    links = []
    for link in elements.named("a"):
        href = link.attrs.get("href")
        match = MEMBER_URL.search(href) if isinstance(href, str) else None
        if match is not None and id(link) not in skipped:
            links.append((link, match.group(1)))
    places = _Places(links)
    rows: dict[int, _Row] = {}  # a row holds two member links (photo and name): read it once
    for link, member_id in links:
        place = places.of(link, member_id)
        row = rows.get(id(place)) or rows.setdefault(id(place), _Row(place, role_classes))
        person = _person(link, member_id, row)
        if person is not None:
            out.append(person)
    return out or _unlinked_rows(elements, role_classes)


def _unlinked_rows(elements: Elements, role_classes: bool) -> list[Person]:
    """Rows with no profile link (the organizer's view): the photo's alt text names the person."""
    skipped = _in_header(elements)
    photos = []
    for img in elements.named("img"):
        alt = img.attrs.get("alt")
        if isinstance(alt, str) and alt.startswith("Photo of the user") and id(img) not in skipped:
            name = clean(PHOTO_OF.sub("", alt))
            if name:
                photos.append((img, name))
    places = _Places(photos)
    out = []
    for img, name in photos:
        src = img.get("src")
        photo = src if isinstance(src, str) and src.startswith("http") else None
        role = _Row(places.of(img, name), role_classes).role(name)
        out.append(Person(name=name, role=role, photo_url=photo))
    return out


def _person(link: Tag, member_id: str, row: _Row) -> Person | None:
    inside = _Inside(link)
    photo_of = PHOTO_OF.match(inside.alt) if inside.alt is not None else None
    name = clean(inside.alt[photo_of.end() :]) if photo_of else _visible_name(link, inside, row)
    if not name:
        return None
    return Person(
        name=name,
        platform_id=member_id,
        profile_url=member_url(member_id),
        role=row.role(name),
        photo_url=inside.photo,
    )


class _Inside:
    """What the elements inside a member link say, from one walk: the first image's alt text,
    the first aria-label, and the photo (an image's address, else a background image)."""

    def __init__(self, link: Tag) -> None:
        self.alt: str | None = None
        self.label: str | None = None
        src = background = None
        for tag in link.descendants:
            if not isinstance(tag, Tag):
                continue
            attrs = tag.attrs
            if tag.name == "img":
                self.alt = self.alt if self.alt is not None else attrs.get("alt")
                address = attrs.get("src")
                if src is None and isinstance(address, str) and address.startswith("http"):
                    src = address
            if self.label is None and "aria-label" in attrs:
                self.label = str(attrs["aria-label"])
            if background is None and "style" in attrs:
                match = _BACKGROUND.search(str(attrs["style"]))
                background = match.group(1) if match else None
        self.photo = src or background


def _in_header(elements: Elements) -> set[int]:
    """The elements (by id) inside the page header or navigation: the viewer's own links."""
    outer = elements.named("header") + elements.named("nav")
    return {id(node) for h in outer for node in h.descendants}


# Where a row can end: the list itself and the page's big regions hold many rows or none.
_BEYOND_ROWS = {"ul", "ol", "body", "main", "section", "html", "[document]"}


class _Places:
    """Each member's row: the largest ancestor that holds that member and no other, whatever
    its tags (an `li`, or the recycled `div` of a virtualized list), inside the list. Its
    badges ("Organizer", "Event host") sit beside the link, not in it.

    One walk up from each anchor notes which member each ancestor holds, so finding a row
    never searches a subtree.
    """

    def __init__(self, anchors: list[tuple[Tag, str]]) -> None:
        self.holds: dict[int, str | None] = {}  # ancestor -> its one member, None for several
        for anchor, member in anchors:
            for parent in anchor.parents:
                held = self.holds.setdefault(id(parent), member)
                if held is None:
                    break  # so are all above it
                if held != member:
                    self.holds[id(parent)] = None

    def of(self, anchor: Tag, member: str) -> Tag:
        row = anchor
        for parent in anchor.parents:
            if parent.name in _BEYOND_ROWS or self.holds.get(id(parent)) != member:
                break
            row = parent
            if parent.name == "li":
                break  # a list item is a row even when its list has no other member
        return row


class _Row:
    """What every member link in one row shares: its elements, its text, its role."""

    def __init__(self, row: Tag, role_classes: bool) -> None:
        # Its elements and its text (what row.get_text(" ") gives) from one walk, not two.
        self.tags: list[Tag] = []
        strings = []
        shown = row.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES
        for node in row.descendants:
            if isinstance(node, Tag):
                self.tags.append(node)
            elif type(node) in shown:
                strings.append(node)
        self.text = " ".join(strings)
        classed = map(_role_class, self.tags) if role_classes else ()
        self.role_class = next(filter(None, classed), None)
        self._roles: dict[str, str] = {}  # by name: the row's links mostly give the same one

    @cached_property
    def name_text(self) -> str | None:
        """The visible name: `p.font-medium` (today's rows), `.groupMember-name` (2017-2021)."""
        for tag in self.tags:
            written = tag.attrs.get("class")
            # A substring test first: most of a row's tags name neither class.
            if not written or ("groupMember-name" not in written and "font-medium" not in written):
                continue
            words = classes(tag)
            if "groupMember-name" in words or (tag.name == "p" and "font-medium" in words):
                return tag.get_text(" ")
        return None

    def role(self, name: str) -> str:
        if name not in self._roles:
            self._roles[name] = self.role_class or _role_label(self.text.replace(name, " "))
        return self._roles[name]


def _role_label(labels: str) -> str:
    if _HOST.search(labels):
        return "host"
    if _ORGANIZER.search(labels):
        return "organizer"
    return "attendee"


def _role_class(tag: Tag) -> str | None:
    """The 2020 rows' role, from a class such as `member-role-type-eventhost`."""
    match = _ROLE_CLASS.search(str(tag.get("class") or ""))
    if match and match.group(1) != "member":
        return "host" if "host" in match.group(1) else "organizer"
    return None


def _visible_name(link: Tag, inside: _Inside, row: _Row) -> str | None:
    for candidate in _visible_names(link, inside, row):
        name = clean(candidate)
        if name and not name.isdigit():
            return name
    return None


def _visible_names(link: Tag, inside: _Inside, row: _Row) -> Iterator[str | None]:
    """Best first, each worked out only if the one before it names no one."""
    yield inside.label
    yield row.name_text
    yield _text(link)


def _text(tag: Tag | None) -> str | None:
    return tag.get_text(" ") if tag else None


def _merge(known: Person, seen: Person) -> Person:
    """One member seen in two rows (an avatar and a name link, or overlapping fragments)."""
    role = known.role if _RANK[known.role] >= _RANK[seen.role] else seen.role
    name = known.name if len(known.name) >= len(seen.name) else seen.name
    photo_url = known.photo_url or seen.photo_url
    if (role, name, photo_url) == (known.role, known.name, known.photo_url):
        return known  # the usual case, and dataclasses.replace is slow for thousands of rows
    return replace(known, role=role, name=name, photo_url=photo_url)
