"""The structure of schedule files, checked against the JSON Schemas in ``schemas/``.

``schemas/schedule-instance.schema.json`` (input of ``duijie schedule solve``) and
``schemas/schedule-result.schema.json`` (its output, input of ``check`` and
``--previous``) are the one definition of both formats: the docs link to them and
this module validates with them (jsonschema). Each schema error becomes a
:class:`~duijie_core.problems.Problem` whose ``path`` says where (``slots[3].end``);
the rules a schema cannot say (known ids, times with offsets, end after start,
locks that fit) are checked afterwards by :mod:`duijie_core.scheduling.parse`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from duijie_core.problems import Problem

INSTANCE_SCHEMA = "schedule-instance.schema.json"
RESULT_SCHEMA = "schedule-result.schema.json"
# A value below a field's minimum, by field name (the sentences name the field).
BELOW_MINIMUM = {
    "tables": "negative_tables",
    "minutes": "negative_travel",
    "max_meetings": "negative_max_meetings",
    "weight": "negative_weight",
}
REQUIRED = re.compile(r"^'(?P<name>.+)' is a required property$")


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (a file in ``schemas/``)."""
    text = files("duijie_core.scheduling").joinpath("schemas", name).read_text(encoding="utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def structure_problems(data: Any, name: str) -> list[Problem]:
    """Every place where ``data`` does not have the shape schema ``name`` describes."""
    return [_problem(error) for error in _validator(name).iter_errors(data)]


def json_path(parts: Iterable[str | int]) -> str:
    """``["slots", 3, "end"]`` → ``"slots[3].end"`` ('' for the document itself)."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def _problem(error: ValidationError) -> Problem:
    path = json_path(error.absolute_path)
    kind, value = error.validator, error.validator_value
    if kind == "required":
        match = REQUIRED.match(error.message)
        missing = match.group("name") if match else "?"
        return Problem("missing_field", {"path": json_path([*error.absolute_path, missing])})
    if kind == "type":
        expected = " or ".join(value) if isinstance(value, list) else str(value)
        return Problem("wrong_type", {"path": path, "expected": expected})
    if kind == "minLength":
        return Problem("wrong_type", {"path": path, "expected": "non-empty string"})
    field = error.absolute_path[-1] if error.absolute_path else ""
    if kind == "minimum" and field in BELOW_MINIMUM:
        return Problem(BELOW_MINIMUM[str(field)], {"path": path, str(field): error.instance})
    return Problem("schema_mismatch", {"path": path, "message": error.message})
