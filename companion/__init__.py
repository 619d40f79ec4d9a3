"""Hallway's companion: turns captured event pages into prep notes and connection notes."""

__version__ = "0.1.0"
API_VERSION = 1
APP_NAME = "hallway"
