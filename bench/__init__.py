"""Hallway's benchmark: synthetic stores and Meetup-like pages, measured through the real server.

`python -m bench.run` (or `make bench`) writes bench/results/; see bench/results/README.md.
"""
