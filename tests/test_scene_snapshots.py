"""Pictures of every scene type at 80x24, in the one-scene app with reduced motion (the final
frame, no animation), so each snapshot is deterministic. What each should show:

- function: sin(x^2) in braille, 2x cos(x^2) in dots, a legend, the shaded area's value.
- secant_to_tangent: the curve, the tangent and the last secant nearly on it, title h = 0.01.
- difference_quotient: the full error table, the 1e-08 row marked "smallest".
- descent_1d: the ball settled at the minimum of (w - 1)^2, the zigzag-free path.
- descent_2d: contour rings of w^2 + b^2 and the straight path from (8, 9) to the centre.
- gradient_field: arrows pointing away from (0, 0), double arrows at the corners.
- taylor: sin(x) and its order-5 polynomial, close near 0 and apart at the ends.
- riemann: 32 rectangles filling the area under x^2, the sum near 0.333.
- graph: "backward: ∂f/∂x = -3" above boxes for x, y, z, q, f with values and every gradient,
  x's box in heavy lines.
- layers: bars shrinking from layer 8 down to layer 1 on a log scale.
- ode: exp(-2t) with Euler dots and RK4 crosses, the errors in the title.
"""

from __future__ import annotations

import pytest
from test_scenes_render import EXAMPLES  # the same typical scene of every type

from calcquest.scenes import build_scene
from calcquest.ui.scene_app import make_scene_app
from calcquest.ui.widgets.scene_view import SceneView


async def _frame_drawn(pilot) -> None:
    """Wait until the view's frame is drawn at its size (a worker draws it), then settle."""
    view = pilot.app.query_one(SceneView)
    for _ in range(500):
        if view.frame_ready:
            break
        await pilot.pause(0.01)
    await pilot.pause()


@pytest.mark.parametrize("scene_type", list(EXAMPLES))
def test_scene_snapshot(snap_compare, scene_type):
    scene = build_scene(scene_type, EXAMPLES[scene_type])
    app = make_scene_app(scene, f"{scene_type} scene", reduced_motion=True, color=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_frame_drawn)
