"""The one cache: results kept for the current version of what they were made from (a build of
the database, a day), least recently used out first. A result being made is waited for, not
made again: when a rebuild (or midnight) empties the cache while many sessions are open, each
result is made once, not once a session. Imports nothing of the project: the version is a
function the caller gives (`db.cached_query`: the database file; `stories.common.spec_cache`:
the file and the day)."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future

_FAILED = object()


class VersionedCache:
    """What `cached_per` keeps for one function: the results of the current version, and the
    ones being made."""

    def __init__(self, fn: Callable, version: Callable[[], Hashable], maxsize: int):
        self.fn, self.version_now, self.maxsize = fn, version, maxsize
        self.lock = threading.Lock()
        self.version: Hashable = ()
        self.done: OrderedDict[tuple, object] = OrderedDict()
        self.building: dict[tuple, Future] = {}

    def __call__(self, *args, **kwargs):
        version = self.version_now()
        key = (version, args, tuple(sorted(kwargs.items())))
        with self.lock:
            if version != self.version:  # a new version: what the old one made goes
                self.done.clear()
                self.version = version
            if key in self.done:
                self.done.move_to_end(key)
                return self.done[key]
            future = self.building.get(key)
            mine = future is None
            if mine:
                future = self.building[key] = Future()
        if not mine:
            value = future.result()
            # it failed in another session: make it (and fail) in this one's own right
            return self(*args, **kwargs) if value is _FAILED else value
        try:
            value = self.fn(*args, **kwargs)
        except BaseException:
            with self.lock:
                self.building.pop(key, None)
            future.set_result(_FAILED)
            raise
        with self.lock:
            self.building.pop(key, None)
            if version == self.version:
                self.done[key] = value
                while len(self.done) > self.maxsize:
                    self.done.popitem(last=False)
        future.set_result(value)
        return value

    def cache_len(self) -> int:
        return len(self.done)

    def cache_clear(self) -> None:
        with self.lock:
            self.done.clear()


def cached_per(version: Callable[[], Hashable], maxsize: int):
    """A decorator: the function's results kept per `version()` (see the module's docstring),
    with `cache_len()` and `cache_clear()`. Callers must not change what they get back."""

    def decorate(fn):
        store = VersionedCache(fn, version, maxsize)

        @functools.wraps(fn)
        def cached(*args, **kwargs):
            return store(*args, **kwargs)

        cached.cache_len, cached.cache_clear = store.cache_len, store.cache_clear
        return cached

    return decorate
