"""A venue said once, whatever the platform: its name not repeated in its address, and a
country code in capitals."""

from __future__ import annotations

import json

import pytest

from companion.parsers import parse
from companion.parsers.places import place


@pytest.mark.parametrize(
    ("name", "address", "said"),
    [
        ("Harborview Commons", "Harborview Commons, 40 Pier Road, Boston", "40 Pier Road, Boston"),
        ("harborview commons", "Harborview Commons - 40 Pier Road", "40 Pier Road"),
        ("Acme Hall", "Acme Hallway 5, Springfield", "Acme Hallway 5, Springfield"),  # not it
        ("Acme Hall", "Acme Hall", None),  # nothing but the name
        ("Acme Hall", "12 Elm St, Acme Hall", "12 Elm St, Acme Hall"),  # only at the start
    ],
)
def test_the_venue_name_is_not_repeated_at_the_start_of_its_address(name, address, said):
    assert place(name, address).address == said


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("1200 Main St, Arlington, VA, us", "1200 Main St, Arlington, VA, US"),
        ("Via Roma 1, Torino, it", "Via Roma 1, Torino, IT"),
        ("5 Rue de la Paix, Paris, France", "5 Rue de la Paix, Paris, France"),
        ("Floor 2, de", "Floor 2, DE"),
        ("10 Downing St, London SW1A 2AA", "10 Downing St, London SW1A 2AA"),
    ],
)
def test_a_country_code_at_the_end_is_written_in_capitals(address, said):
    assert place(None, address).address == said


def test_nothing_given_is_no_place():
    assert place(" ", None) is None


def test_a_schema_org_event_says_its_venue_once():
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Harbor Data Night",
        "startDate": "2025-09-04T18:00:00-04:00",
        "location": {
            "@type": "Place",
            "name": "Pier Hall",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Pier Hall, 3 Dock Lane",
                "addressLocality": "Norfolk",
                "addressRegion": "VA",
                "addressCountry": "us",
            },
        },
    }
    html = (
        f'<script type="application/ld+json">{json.dumps(data)}</script><h1>Harbor Data Night</h1>'
    )
    venue = parse(html, "https://events.example.org/harbor-data-night").event.venue
    assert (venue.name, venue.address) == ("Pier Hall", "3 Dock Lane, Norfolk, VA, US")
