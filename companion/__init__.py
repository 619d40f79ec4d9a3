"""Hallway's companion: turns captured event pages into prep notes and connection notes."""

# The one version of Hallway: the wheel takes it from here, and the extension's manifest must
# say the same (tests/test_packaging.py, make package).
__version__ = "0.2.0"
# What the API speaks; the extension says which side to update when they differ.
API_VERSION = 1
APP_NAME = "hallway"
