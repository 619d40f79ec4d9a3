"""A stand-in parser that never finishes, for the parse time limit test (run in a worker)."""

import time


def parse(*_args: object) -> None:
    time.sleep(3600)
