"""Answer specs from plain data (JSON, YAML, `--spec`), with one clear error when they are bad.

Kept apart from the checkers so the game process can validate a spec (pydantic only) before
handing it to a grading worker, without importing SymPy.
"""

from __future__ import annotations

from pydantic import ValidationError

from calcquest.grading.spec import AnswerSpec
from calcquest.grading.verdict import SpecError


def coerce_spec(spec: AnswerSpec | dict) -> AnswerSpec:
    """An AnswerSpec from a model or plain data; SpecError naming the bad field otherwise."""
    if isinstance(spec, AnswerSpec):
        return spec
    if not isinstance(spec, dict):
        raise SpecError('the answer spec must be an object such as {"kind": "expression", ...}')
    try:
        return AnswerSpec.model_validate(spec)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "spec"
        reason = first.get("ctx", {}).get("error") if first["type"] == "value_error" else None
        raise SpecError(f"{where}: {reason or first['msg']}") from None
