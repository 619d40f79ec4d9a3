"""What can go wrong with the database file, each told in one plain sentence."""


class StoreError(Exception):
    """The store cannot do what was asked; str() is a sentence for the user."""


class StoreWriteError(StoreError):
    """Nothing was saved (full disk, read-only folder, ...); the previous data is intact."""

    def __init__(self, message: str, full: bool = False):
        super().__init__(message)
        self.full = full


class StoreDamaged(StoreError):
    """The file and all its backups are unreadable."""


class StoreTooNew(StoreError):
    """The file was written by a newer Hallway, whose format this one does not know."""
