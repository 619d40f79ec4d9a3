"""Parsing captured pages in worker processes, under a time and a memory limit.

A captured page is untrusted input: a hostile page could be built to make the parser slow
or greedy. In CPython a thread cannot be stopped (lxml runs in C, and a timed-out thread would
still burn CPU and memory), so parsing runs in a separate process that can be killed. The
workers stay warm between captures, so a capture pays for pickling, not for a process start.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from companion import config, parsers
from companion.i18n import _
from companion.model import Capture

WORKERS = 2


class TooSlow(parsers.NotUnderstood):
    """The page took longer to read than any real page does."""


class TooBig(parsers.NotUnderstood):
    """Reading the page needed more memory than any real page does."""


class Worker:
    """One child process that runs `function`; killed and replaced when a call overruns."""

    def __init__(
        self, function: Callable[..., Any], memory_bytes: int, preload: Sequence[str] = ()
    ) -> None:
        self._function = function
        self._memory = memory_bytes
        self._preload = tuple(preload)
        self._starting = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None

    def call(self, args: tuple[Any, ...], seconds: float) -> Any:
        self.start()
        assert self._conn is not None
        try:
            self._conn.send(args)
            if not self._conn.poll(seconds):
                self.stop()
                raise TooSlow(
                    _("Hallway gave up on this page: reading it took over %(n)s seconds.",
                      n=f"{seconds:g}")
                )  # fmt: skip
            ok, value = self._conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self.stop()  # the child died (killed for its memory, or crashed)
            raise _too_big() from None
        if ok:
            return value
        raise value

    def start(self) -> None:
        # Warming up (a thread at start-up) and a first capture may both get here.
        with self._starting:
            if self._process is not None and self._process.is_alive():
                return
            context = multiprocessing.get_context("spawn")  # never fork a multithreaded server
            self._conn, child = context.Pipe()
            self._process = context.Process(
                target=_serve,
                args=(child, self._function, self._memory, self._preload),
                daemon=True,
            )
            self._process.start()
            child.close()

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None


class Pool:
    """A few workers shared by every request thread; a thread waits for a free one.

    Taken in turn (first in, first out): a worker frees the page it just read after
    answering, so a capture sent right after another goes to the worker that is done.
    """

    def __init__(
        self,
        function: Callable[..., Any],
        size: int,
        seconds: float,
        memory: int,
        preload: Sequence[str] = (),
    ):
        self.seconds = seconds
        self._idle: queue.Queue[Worker] = queue.Queue()
        for _worker in range(size):
            self._idle.put(Worker(function, memory, preload))

    def warm(self) -> None:
        """Start the workers now, so the first capture does not wait for them."""
        for worker in list(self._idle.queue):
            worker.start()

    def call(self, *args: Any) -> Any:
        worker = self._idle.get()
        try:
            return worker.call(args, self.seconds)
        finally:
            self._idle.put(worker)


_pool: Pool | None = None
_pool_pid: int | None = None
_pool_lock = threading.Lock()


def pool() -> Pool:
    global _pool, _pool_pid
    with _pool_lock:
        # A forked child inherits the parent's pool, whose workers it cannot drive: its own.
        if _pool is None or _pool_pid != os.getpid():
            _pool = Pool(
                parsers.parse,
                WORKERS,
                config.PARSE_SECONDS,
                config.PARSE_MEMORY_BYTES,
                preload=[parsers.READERS],
            )
            _pool_pid = os.getpid()
        return _pool


def parse(
    html: str, url: str | None, fragments: Sequence[str] = (), payloads: Sequence[Any] = ()
) -> Capture:
    """parsers.parse, in a worker; raises NotUnderstood (TooSlow, TooBig) with a sentence."""
    return pool().call(html, url, list(fragments), list(payloads))


def _serve(
    conn: Connection, function: Callable[..., Any], memory_bytes: int, preload: Sequence[str]
) -> None:
    """The worker's loop: call, answer (ok, value); exceptions travel back as values.

    A parse builds a tree of some 100 000 linked objects, all alive until the answer is made and
    all cyclic garbage after it. With the collector on, it walks that growing tree again and
    again during the parse and frees it during the next one; instead the worker collects once,
    after each answer is sent, while the server stores the capture.
    """
    # Ctrl+C in a terminal reaches the whole process group; the server stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_bytes)
    for module in preload:  # now, so the first capture does not wait for the imports
        importlib.import_module(module)
    gc.disable()
    while True:
        try:
            args = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            answer: tuple[bool, Any] = (True, function(*args))
        except parsers.NotUnderstood as problem:
            answer = (False, problem)
        except MemoryError:
            answer = (False, _too_big())
        except Exception:
            # The parent logs it as an unexpected error (a 500 whose log has this trace).
            answer = (False, RuntimeError("The parser failed:\n" + traceback.format_exc()))
        try:
            conn.send(answer)
        except pickle.PicklingError:
            conn.send((False, RuntimeError("The parser's answer could not be sent back.")))
        del args, answer
        gc.collect()


def _limit_memory(memory_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no per-process limit; the time limit still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def _too_big() -> TooBig:
    return TooBig(_("Hallway gave up on this page: reading it needed too much memory."))
