"""Keeping CPython's garbage collector out of the way until the game's first frame.

Start-up makes tens of thousands of objects that live as long as the game: modules, classes,
the map index, the widgets. Each automatic generation-2 collection walks all of them again, and
importing Textual alone triggers several: about 20 ms of the ~190 ms to the first drawn map
(measured with `python -m benchmarks --only startup`). So the game's entry holds automatic
collection (`hold`), and once the map is on screen (`release`) everything made so far is frozen
into the permanent generation, which later collections skip, and collection runs as usual again.

Only the command that draws the map holds it; tests and other commands never do, and `release`
does nothing unless `hold` was called, so calling it twice is harmless.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Stop automatic collection until `release` (a no-op if it is already off)."""
    global _held
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
