"""Python's cyclic garbage collector, paused while an import reads its rows.

An import keeps a chunk of rows alive long enough (a list, a tuple, a dict and a record per
row) for the collector to move them to its oldest generation, and each time enough have got
there it walks every object of the process: some 240,000 in the API, 0.25 s a walk on the
2-core machine, which made more than half of a 100,000-row import. Reference counting still
frees each chunk as soon as it is done; only garbage in cycles waits for the end of the
import. The collector is process-wide, so concurrent imports share one pause, and a process
that disabled it itself keeps it disabled.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # imports running now
_resume = False  # whether the collector ran before the first of them


@contextmanager
def collection_paused() -> Iterator[None]:
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
