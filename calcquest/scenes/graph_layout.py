"""Drawing a computational graph: columns by depth, boxes with value and gradient, routed edges.

Sources (inputs, constants) sit just left of their first consumer, so most edges span one
column. Within a column, nodes are ordered by the mean position of their neighbours, which
keeps edges short and mostly straight. The box being computed right now has a heavy border,
so the current step shows without colour. When boxes cannot fit, a table is drawn instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from calcquest.scenes.canvas import STYLES, Canvas
from calcquest.scenes.fmt import short
from calcquest.scenes.textfit import RESET, fit_title

if TYPE_CHECKING:
    from calcquest.scenes.graph import GraphScene

BOX_HEIGHT = 4
_LIGHT, _HEAVY = "╭─╮│╰╯", "┏━┓┃┗┛"


@dataclass
class Box:
    """Where one node's box sits on the canvas."""

    left: int
    top: int
    width: int
    column: int


def columns_of(scene: GraphScene) -> list[list[str]]:
    """Node ids per column, left to right, ordered within each column."""
    depth: dict[str, int] = {}
    for node in scene.order:
        depth[node.id] = 1 + max((depth[i] for i in node.inputs), default=-1)
    for node in scene.order:
        consumers = [n.id for n in scene.order if node.id in n.inputs]
        if not node.inputs and consumers:
            depth[node.id] = max(0, min(depth[c] for c in consumers) - 1)
    shift = min(depth.values())
    cols: list[list[str]] = [[] for _ in range(max(depth.values()) - shift + 1)]
    for node in scene.order:
        cols[depth[node.id] - shift].append(node.id)
    return _barycentric(scene, cols)


def _barycentric(scene: GraphScene, cols: list[list[str]]) -> list[list[str]]:
    """Reorder each column by the mean position of each node's neighbours (a few sweeps)."""
    neighbours = {n.id: set(n.inputs) for n in scene.order}
    for n in scene.order:
        for i in n.inputs:
            neighbours[i].add(n.id)
    for _ in range(4):
        position = {nid: (k + 0.5) / len(col) for col in cols for k, nid in enumerate(col)}
        for col in cols:
            col.sort(
                key=lambda nid: (
                    sum(position[m] for m in neighbours[nid]) / max(len(neighbours[nid]), 1)
                )
            )
    return cols


def place(cols: list[list[str]], width: int, height: int) -> dict[str, Box] | None:
    """Box positions, or None when the graph cannot be drawn as boxes at this size."""
    count = len(cols)
    for gap, narrowest in ((5, 10), (4, 10), (3, 8)):
        box_w = min(18, (width - (count - 1) * gap) // count)
        if box_w >= narrowest:
            break
    else:
        return None
    if max(len(c) * BOX_HEIGHT + len(c) - 1 for c in cols) > height:
        return None
    left0 = (width - (count * box_w + (count - 1) * gap)) // 2
    boxes = {}
    for c, col in enumerate(cols):
        spacing = max(1, (height - len(col) * BOX_HEIGHT) // (len(col) + 1))
        used = len(col) * BOX_HEIGHT + (len(col) - 1) * spacing
        top = (height - used) // 2
        for k, nid in enumerate(col):
            boxes[nid] = Box(left0 + c * (box_w + gap), top + k * (BOX_HEIGHT + spacing), box_w, c)
    return boxes


def _free_row(boxes: dict[str, Box], lo_col: int, hi_col: int, near: int, height: int) -> int:
    """A row no box occupies in columns lo_col..hi_col, as close to `near` as possible."""
    blocked = {
        y
        for b in boxes.values()
        if lo_col <= b.column <= hi_col
        for y in range(b.top - 1, b.top + BOX_HEIGHT + 1)
    }
    for distance in range(height):
        for row in (near - distance, near + distance):
            if 0 <= row < height and row not in blocked:
                return row
    return near


def route_edges(scene: GraphScene, boxes: dict[str, Box], canvas: Canvas, gap_of: int) -> None:
    """Draw every edge from a source's right side to its consumer's left side, with ▶."""
    cols: dict[int, list[str]] = {}
    for nid, box in boxes.items():
        cols.setdefault(box.column, []).append(nid)
    for node in scene.order:
        target = boxes[node.id]
        slot = sorted(cols[target.column], key=lambda n: boxes[n].top).index(node.id)
        channels = max(1, gap_of - 2)
        by_height = sorted(range(len(node.inputs)), key=lambda k: boxes[node.inputs[k]].top)
        for rank, k in enumerate(by_height):
            source = boxes[node.inputs[k]]
            channel = target.left - 2 - (slot + rank) % channels
            sx, sy = source.left + source.width, source.top + 1
            ty = target.top + (1 if rank == 0 else 2)
            points = [(sx, sy)]
            if target.column - source.column > 1:
                exit_x = source.left + source.width + 1
                row = _free_row(boxes, source.column + 1, target.column - 1, sy, canvas.height)
                points += [(exit_x, sy), (exit_x, row), (channel, row)]
            else:
                points.append((channel, sy))
            points += [(channel, ty), (target.left - 1, ty)]
            canvas.path(points)
            canvas.text(target.left - 1, ty, "▶", "edge")


def draw_box(
    canvas: Canvas, box: Box, title: str, lines: list[tuple[str, str, str | None]], active: bool
) -> None:
    """One node's box: the title in the top border, then `(label, text, style)` rows."""
    tl, h, tr, v, bl, br = _HEAVY if active else _LIGHT
    border = "active" if active else None
    inner = box.width - 2
    title = title[: inner - 2]
    canvas.text(
        box.left, box.top, tl + " " + title + " " + h * (inner - len(title) - 2) + tr, border
    )
    canvas.text(box.left, box.top, tl, border)
    for row, (label, text, style) in enumerate(lines, start=1):
        canvas.text(box.left, box.top + row, v + " " * inner + v, border)
        if inner >= 8:
            canvas.text(box.left + 2, box.top + row, label, None)
            canvas.text(box.left + 4, box.top + row, text[: inner - 3], style)
        else:  # narrow box: the value right-aligned, the gradient after a bare ∂
            canvas.text(box.left + 1, box.top + row, "∂" if label == "∂" else "", None)
            canvas.text(
                box.left + 1 + inner - len(text[: inner - 1]),
                box.top + row,
                text[: inner - 1],
                style,
            )
    canvas.text(box.left, box.top + BOX_HEIGHT - 1, bl + h * inner + br, border)


def draw_graph(scene: GraphScene, frame: int, width: int, height: int, color: bool) -> str:
    """The whole picture for one frame (boxes and edges, or the table fallback)."""
    from calcquest.scenes.graph import formula

    data = scene.data(frame)
    cols = columns_of(scene)
    boxes = place(cols, width, height - 2)
    if boxes is None:
        return draw_table(scene, frame, width, height)
    canvas = Canvas(width, height - 2)
    gap = (
        boxes[cols[1][0]].left - boxes[cols[0][0]].left - boxes[cols[0][0]].width
        if len(cols) > 1
        else 5
    )
    route_edges(scene, boxes, canvas, gap)
    for node in scene.order:
        title = node.id if not node.inputs else f"{node.id} = {formula(node)}"
        if len(title) > boxes[node.id].width - 4:
            title = node.id
        value, grad = data["values"][node.id], data["grads"].get(node.id)
        rows = [
            ("v", "?" if value is None else short(value), "value"),
            ("∂", _grad_text(grad, data["phase"], node.id in dict(scene.backward_steps)), "grad"),
        ]
        draw_box(canvas, boxes[node.id], title, rows, node.id == data["active"])
    legend = f" v value   ∂ ∂{scene.output}/∂node   ┏━┓ this step"
    caption = fit_title(scene.caption(frame), width).center(width).rstrip()
    if color:
        caption = f"{STYLES['title']}{caption}{RESET}"
    return "\n".join([caption, *canvas.lines(color), legend[:width]])


def _grad_text(grad: float | None, phase: str, needed: bool) -> str:
    if grad is not None:
        return short(grad)
    if phase == "forward":
        return ""
    return "?" if needed else "—"


def draw_table(scene: GraphScene, frame: int, width: int, height: int) -> str:
    """The graph as rows of id, formula, value and gradient (for small windows)."""
    from calcquest.scenes.graph import formula

    data = scene.data(frame)
    wide = width >= 44
    grad_head = f"∂{scene.output}/∂node"
    lines = [f"  {'node':<6}{'computes':<12}" if wide else f"  {'node':<6}"]
    lines[0] += f"{'value':>9} {grad_head:>10}"
    for node in scene.order:
        value, grad = data["values"][node.id], data["grads"].get(node.id)
        mark = "▶ " if node.id == data["active"] else "  "
        computes = f"{formula(node)[:11]:<12}" if wide else ""
        shown_value = "?" if value is None else short(value)
        shown_grad = "" if grad is None else short(grad)
        lines.append(f"{mark}{node.id[:6]:<6}{computes}{shown_value:>9} {shown_grad:>10}")
    if len(lines) < height:  # room for the step's caption above the table
        lines.insert(0, fit_title(scene.caption(frame), width).center(width).rstrip())
    return "\n".join(lines[:height])
