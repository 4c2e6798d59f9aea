"""Independent answers for world 4 (Many variables), computed without SymPy or the YAML.

Partial derivatives, gradients, Jacobians and Hessians come from central finite differences
of plain Python functions; descent answers from running the updates in an explicit loop;
the fitted line from NumPy's least squares; Taylor models from numerically measured
derivatives. Nothing here reads the level files' expected answers.
"""

from __future__ import annotations

import numpy as np

_H = 1e-5


def gradient(f, point) -> np.ndarray:
    """Central differences, one coordinate at a time: the vector of partial derivatives."""
    point = np.asarray(point, dtype=float)
    steps = np.eye(len(point)) * _H
    return np.array([(f(point + e) - f(point - e)) / (2 * _H) for e in steps])


def jacobian(fs, point) -> np.ndarray:
    """Row i is the finite-difference gradient of output i."""
    return np.array([gradient(f, point) for f in fs])


def hessian(f, point, h: float = 1e-3) -> np.ndarray:
    """Second differences: entry (i, j) from the four points x +- h e_i +- h e_j."""
    point = np.asarray(point, dtype=float)
    n = len(point)
    e = np.eye(n) * h
    return np.array(
        [
            [
                (
                    f(point + e[i] + e[j])
                    - f(point + e[i] - e[j])
                    - f(point - e[i] + e[j])
                    + f(point - e[i] - e[j])
                )
                / (4 * h * h)
                for j in range(n)
            ]
            for i in range(n)
        ]
    )


def polynomial_text(g, degree: int = 2, names=("x", "y")) -> str:
    """Recover a polynomial in two variables from its values by least squares on a grid of
    sample points, rounding the coefficients, and write it out as text a learner could type.
    Used for answers that are formulas: g is usually a finite-difference partial derivative."""
    powers = [(i, j) for i in range(degree + 1) for j in range(degree + 1 - i)]
    grid = [(x, y) for x in np.linspace(-2, 2, 7) for y in np.linspace(-1.5, 2.5, 7)]
    design = np.array([[x**i * y**j for i, j in powers] for x, y in grid])
    values = np.array([g(np.array([x, y])) for x, y in grid])
    coefficients = np.round(np.linalg.lstsq(design, values, rcond=None)[0], 4)
    terms = [
        f"({float(c)!r})*{names[0]}**{i}*{names[1]}**{j}"
        for c, (i, j) in zip(coefficients, powers, strict=True)
        if c != 0
    ]
    return " + ".join(terms) or "0"


def formula_vector(fs, degree: int = 2, names=("x", "y")) -> str:
    """A vector answer whose entries are the polynomials fitted to the functions fs."""
    return "[" + ", ".join(polynomial_text(f, degree, names) for f in fs) + "]"


def formula_matrix(fs, degree: int = 2) -> str:
    """A Jacobian answer as formulas: row i holds the fitted partials of output i."""
    rows = [formula_vector([partial(f, j) for j in (0, 1)], degree) for f in fs]
    return "[" + ", ".join(rows) + "]"


def formula_hessian(f) -> str:
    """A Hessian answer as formulas: entry (i, j) is the fitted second difference of f."""
    entry = lambda i, j: lambda v: hessian(f, v)[i, j]  # noqa: E731
    rows = [formula_vector([entry(i, j) for j in (0, 1)]) for i in (0, 1)]
    return "[" + ", ".join(rows) + "]"


def _outputs(vector_function, count: int) -> list:
    """Split a vector-valued function into its scalar outputs."""
    return [lambda v, i=i: float(vector_function(np.asarray(v))[i]) for i in range(count)]


def partial(f, index: int):
    """The finite-difference partial derivative of f in coordinate `index`, as a function."""
    return lambda v: gradient(f, v)[index]


def second_order_model(f, center, point) -> float:
    """f(c) + grad f(c).d + 1/2 d^T H(c) d with d = point - c, all measured numerically."""
    d = np.asarray(point, dtype=float) - np.asarray(center, dtype=float)
    return float(
        f(np.asarray(center, dtype=float))
        + gradient(f, center) @ d
        + 0.5 * d @ hessian(f, center) @ d
    )


def descend(grad, start, lr: float, steps: int) -> np.ndarray:
    """Plain gradient descent, one explicit vector update per step."""
    point = np.asarray(start, dtype=float)
    for _ in range(steps):
        point = point - lr * grad(point)
    return point


def diverges(grad, lr: float, start=(1.0, 1.0), steps: int = 400) -> bool:
    """Does descent at this learning rate end further out than it started?"""
    end = descend(grad, start, lr, steps)
    return bool(np.linalg.norm(end) > np.linalg.norm(start))


def divergence_threshold(loss) -> float:
    """Bisect on the learning rate for the smallest one at which descent from (1, 1) blows up."""
    grad = lambda p: gradient(loss, p)  # noqa: E731
    stable, unstable = 1e-4, 10.0
    for _ in range(50):
        mid = (stable + unstable) / 2
        stable, unstable = (stable, mid) if diverges(grad, mid) else (mid, unstable)
    return (stable + unstable) / 2


def _line_fit_loss(p: float = 2.0, q: float = 5.0):
    """L(w, b) = 1/2 * sum of squared errors of wx + b on the points (1, p), (2, q)."""
    xs, ys = np.array([1.0, 2.0]), np.array([p, q])
    return lambda v: 0.5 * float(np.sum((v[0] * xs + v[1] - ys) ** 2))


def _matrix(p) -> np.ndarray:
    """The drawn 2 x 2 matrix [[a, b], [c, d]]."""
    return np.array([[p["a"], p["b"]], [p["c"], p["d"]]], dtype=float)


def _saddle(v) -> float:
    """w^2 + 3wb + b^2, the saddle of the Hessian level."""
    return float(v[0] ** 2 + 3 * v[0] * v[1] + v[1] ** 2)


def _bowl(v) -> float:
    """The round bowl w^2 + b^2."""
    return float(v[0] ** 2 + v[1] ** 2)


ORACLES = {
    # ---- partial-derivatives
    ("partial-derivatives", "one-point-loss"): lambda p: gradient(
        lambda v: (v[0] * p["x"] + v[1] - p["y"]) ** 2, [1.0, 0.0]
    )[0],
    # ---- the-gradient
    ("the-gradient", "gradient-formula"): lambda p: formula_vector(
        [partial(lambda v: p["a"] * v[0] ** 2 + v[0] * v[1] + v[1] ** 2, i) for i in (0, 1)]
    ),
    ("the-gradient", "gradient-at-a-point"): lambda p: gradient(
        lambda v: v[0] ** 2 * v[1] + 5 * v[1], [p["p"], p["q"]]
    ),
    # Length of the finite-difference gradient of the plane.
    ("the-gradient", "steepest-slope"): lambda p: np.linalg.norm(
        gradient(lambda v: p["a"] * v[0] + p["b"] * v[1], [0.3, -0.2])
    ),
    # Slope along u measured directly: (f(x + h u) - f(x - h u)) / 2h.
    ("the-gradient", "directional-derivative"): lambda p: (
        lambda f, x, u: (f(x + _H * u) - f(x - _H * u)) / (2 * _H)
    )(lambda v: v[0] ** 2 + 3 * v[1] ** 2, np.array([1.0, 1.0]), np.array([0.6, 0.8])),
    # ---- contour-descent: explicit loops on w^2 + b^2
    ("contour-descent", "one-step-from-8-9"): lambda p: descend(
        lambda v: gradient(_bowl, v), [8, 9], 0.1, 1
    ),
    ("contour-descent", "two-steps-from-8-9"): lambda p: descend(
        lambda v: gradient(_bowl, v), [8, 9], 0.1, 2
    ),
    ("contour-descent", "n-steps-any-start"): lambda p: descend(
        lambda v: gradient(_bowl, v), [p["p"], p["q"]], p["lr"], p["n"]
    ),
    ("contour-descent", "loss-after-one-step"): lambda p: _bowl(
        descend(lambda v: gradient(_bowl, v), [8, 9], 0.1, 1)
    ),
    ("contour-descent", "divergence-on-round-bowl"): lambda p: divergence_threshold(_bowl),
    ("contour-descent", "stretched-bowl-limit"): lambda p: divergence_threshold(
        lambda v: v[0] ** 2 + p["k"] * v[1] ** 2
    ),
    # ---- fitting-a-line
    ("fitting-a-line", "gradient-at-origin"): lambda p: gradient(_line_fit_loss(), [0, 0]),
    ("fitting-a-line", "one-step-of-fit"): lambda p: descend(
        lambda v: gradient(_line_fit_loss(), v), [0, 0], 0.1, 1
    ),
    ("fitting-a-line", "loss-after-one-step"): lambda p: _line_fit_loss()(
        descend(lambda v: gradient(_line_fit_loss(), v), [0, 0], 0.1, 1)
    ),
    # Least squares on the design matrix [[1, 1], [2, 1]] (columns x and 1).
    ("fitting-a-line", "best-line"): lambda p: np.linalg.lstsq(
        np.array([[1.0, 1.0], [2.0, 1.0]]), np.array([2.0, 5.0]), rcond=None
    )[0],
    ("fitting-a-line", "gradient-for-any-data"): lambda p: gradient(
        _line_fit_loss(p["p"], p["q"]), [0, 0]
    ),
    # ---- vector-gradients: f built with explicit NumPy products, differentiated numerically
    ("vector-gradients", "linear-gradient"): lambda p: gradient(
        lambda v: float(np.dot([p["a"], p["b"], p["c"]], v)), [0.4, -1.1, 2.0]
    ),
    ("vector-gradients", "quadratic-form-gradient"): lambda p: formula_vector(
        [partial(lambda v: float(v @ _matrix(p) @ v), i) for i in (0, 1)], degree=1
    ),
    # M is the (constant) Jacobian of the gradient: the Hessian of v^T A v.
    ("vector-gradients", "gradient-matrix"): lambda p: hessian(
        lambda v: float(v @ _matrix(p) @ v), [0.3, -0.7]
    ),
    ("vector-gradients", "symmetric-at-a-point"): lambda p: gradient(
        lambda v: float(v @ np.array([[2.0, 1.0], [1.0, 3.0]]) @ v), [p["p"], p["q"]]
    ),
    ("vector-gradients", "normal-equations"): lambda p: np.linalg.lstsq(
        np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0]]), np.array([1.0, 2.0, 6.0]), rcond=None
    )[0],
    # ---- jacobians: row i = finite-difference gradient of output i
    ("jacobians", "jacobian-formula"): lambda p: formula_matrix(
        [lambda v: v[0] ** 2 * v[1], lambda v: p["a"] * v[0] + v[1] ** 3]
    ),
    ("jacobians", "jacobian-at-a-point"): lambda p: jacobian(
        [lambda v: v[0] ** 2 * v[1], lambda v: v[0] + 3 * v[1]], [p["p"], p["q"]]
    ),
    ("jacobians", "linear-layer"): lambda p: jacobian(
        _outputs(
            lambda v: np.array([[p["a"], p["b"], 0], [1, p["d"], 2]]) @ v + np.array([5, -2]), 2
        ),
        [0.5, -1.0, 2.0],
    ),
    ("jacobians", "relu-jacobian"): lambda p: jacobian(
        _outputs(lambda z: np.maximum(z, 0), 3), [2.0, -1.0, 3.0]
    ),
    ("jacobians", "chain-of-jacobians"): lambda p: jacobian(
        _outputs(lambda x: (np.array([[1.0, 2.0], [3.0, 4.0]]) @ x) ** 2, 2), [1.0, 0.0]
    ),
    # ---- hessians: second differences
    ("hessians", "saddle-hessian"): lambda p: hessian(_saddle, [0.4, -0.3]),
    ("hessians", "hessian-formula"): lambda p: formula_hessian(
        lambda v: v[0] ** 3 + p["a"] * v[0] ** 2 * v[1] + v[1] ** 2
    ),
    ("hessians", "determinant-of-hessian"): lambda p: np.linalg.det(
        hessian(lambda v: p["a"] * v[0] ** 2 + p["k"] * v[0] * v[1] + p["c"] * v[1] ** 2, [1, 1])
    ),
    ("hessians", "line-fit-hessian"): lambda p: hessian(_line_fit_loss(), [0.5, 0.5]),
    # Second difference of the slice t -> f(t u) at t = 0.
    ("hessians", "curvature-along-a-direction"): lambda p: (
        lambda g: (g(1e-3) - 2 * g(0.0) + g(-1e-3)) / 1e-6
    )(lambda t: _saddle(t * np.array([1.0, -1.0]) / np.sqrt(2))),
    # ---- taylor-many-variables
    ("taylor-many-variables", "model-estimate"): lambda p: second_order_model(
        lambda v: np.exp(v[0]) * np.cos(v[1]), [0.0, 0.0], [p["x"], p["y"]]
    ),
    # One Newton step with the measured gradient and Hessian of the line-fit loss.
    ("taylor-many-variables", "newton-step-on-the-fit"): lambda p: (
        -np.linalg.solve(
            hessian(_line_fit_loss(), [0.0, 0.0]), gradient(_line_fit_loss(), [0.0, 0.0])
        )
    ),
}
