"""The store: the user's events, people, attendances and interactions in one TinyDB file."""

from companion.store.db import Store

__all__ = ["Store"]
