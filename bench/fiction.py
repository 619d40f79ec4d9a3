"""Fictional people for the benchmark: invented surnames, so no row names a real person.

Everything is drawn from a seeded `random.Random`, so the same sizes give the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

GIVEN = [
    "Ada",
    "Amara",
    "Arjun",
    "Beatriz",
    "Bram",
    "Carmen",
    "Chidi",
    "Dara",
    "Elif",
    "Emil",
    "Farah",
    "Felix",
    "Greta",
    "Hana",
    "Ilias",
    "Imani",
    "Ines",
    "Jonas",
    "Kai",
    "Kavya",
    "Lars",
    "Leila",
    "Lena",
    "Mateo",
    "Mei",
    "Mira",
    "Nadia",
    "Nico",
    "Noor",
    "Oskar",
    "Priya",
    "Quinn",
    "Rafael",
    "Rosa",
    "Sami",
    "Sana",
    "Sofia",
    "Tariq",
    "Tomas",
    "Uma",
    "Vera",
    "Wen",
    "Yara",
    "Yusuf",
    "Zoe",
    "Anouk",
    "Bilal",
    "Cyrus",
    "Daria",
    "Esme",
    "Goran",
    "Hugo",
    "Ivo",
    "Juno",
    "Kenji",
    "Lior",
    "Maren",
    "Otto",
    "Pilar",
    "Reza",
    "Saoirse",
    "Teodor",
]
_FRONT = [
    "Quill",
    "Brandel",
    "Marsh",
    "Thorn",
    "Vel",
    "Ash",
    "Kess",
    "Lor",
    "Dun",
    "Fen",
    "Hal",
    "Ivers",
    "Jory",
    "Kall",
    "Lind",
    "Morr",
    "Nesh",
    "Orrin",
    "Pell",
    "Rask",
    "Sorr",
    "Tamb",
    "Ulve",
    "Varr",
    "Wend",
    "Yarl",
    "Zell",
    "Brisk",
    "Corv",
    "Dray",
]
_BACK = [
    "feather",
    "wick",
    "ton",
    "vale",
    "more",
    "ridge",
    "holt",
    "by",
    "den",
    "strom",
    "lund",
    "gard",
    "well",
    "brook",
    "mere",
    "croft",
    "stead",
    "field",
    "ley",
    "worth",
    "hurst",
]
COMPANIES = [
    "Northwind Labs",
    "Lakeside Analytics",
    "Copperleaf Data",
    "Bluefin Health",
    "Quarry Bank",
    "Orchard Robotics",
    "Tidewater Energy",
    "Meridian Retail",
    "Pinecone Logistics",
    "Harbor Insurance",
    "Saltmarsh University",
    "Greyhound Media",
    "Kestrel Mobility",
    "Foxglove Bio",
]
PEER_TITLES = [
    "Data Analyst",
    "Data Scientist",
    "ML Engineer",
    "Analytics Engineer",
    "PhD Student",
    "Software Engineer",
    "Research Assistant",
    "BI Developer",
    "Statistician",
    "Career changer",
]
LEADER_TITLES = [
    "Head of Data",
    "Data Science Lead",
    "Chief Data Scientist",
    "Director of Analytics",
    "Engineering Manager",
    "VP of Machine Learning",
]
PHOTO_BASE = "https://secure-content.meetupstatic.com/images/classic-member/"


@dataclass
class Member:
    member_id: str
    name: str
    headline: str | None
    photo_id: str | None

    @property
    def profile_url(self) -> str:
        return f"https://www.meetup.com/members/{self.member_id}/"

    @property
    def photo_url(self) -> str | None:
        return f"{PHOTO_BASE}{self.photo_id}/45x45.jpg" if self.photo_id else None


def member(rng: random.Random, member_id: int) -> Member:
    """One attendee; about 20% leaders and 80% peers, as the method says rooms are."""
    name = f"{rng.choice(GIVEN)} {rng.choice(_FRONT)}{rng.choice(_BACK)}"
    titles = LEADER_TITLES if rng.random() < 0.2 else PEER_TITLES
    headline = f"{rng.choice(titles)} at {rng.choice(COMPANIES)}" if rng.random() < 0.7 else None
    photo = str(300_000_000 + member_id) if rng.random() < 0.8 else None
    return Member(str(member_id), name, headline, photo)
