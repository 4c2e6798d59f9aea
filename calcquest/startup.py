"""Keeping CPython's garbage collector out of the way until the game's first frame.

Start-up makes tens of thousands of objects that live as long as the game: modules, classes,
the map index, the widgets. Each automatic generation-2 collection walks all of them again, and
importing Textual alone triggers several: about 20 ms of the ~190 ms to the first drawn map
(measured with `python -m benchmarks --only startup`). So the game's entry holds automatic
collection (`hold`), and once the map is on screen (`release`) everything made so far is frozen
into the permanent generation, which later collections skip, and collection runs as usual again.

`hold` also has the interpreter hand the GIL between threads every 1 ms instead of every 5 ms,
for the rest of the game. Textual writes each frame from its own thread, which otherwise waited
up to 5 ms for the GIL while the UI thread went on (the first frame reached the terminal ~4 ms
after it was ready); and while SymPy and the levels load in background threads, keys and frames
get their turn sooner.

Only the command that draws the map holds it; tests and other commands never do, and `release`
does nothing unless `hold` was called, so calling it twice is harmless.
"""

from __future__ import annotations

import gc
import sys

#: Seconds a thread may hold the GIL while another waits for it (CPython's default: 0.005).
SWITCH_INTERVAL = 0.001

_held = False


def hold() -> None:
    """Stop automatic collection until `release` (a no-op if it is already off), and hand the
    GIL over more often."""
    global _held
    sys.setswitchinterval(SWITCH_INTERVAL)
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Freeze what start-up made and collect automatically again, if `hold` stopped it."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
