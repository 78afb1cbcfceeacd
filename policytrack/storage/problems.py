"""Structuring through the converter, each failure a located problem: file, record, field.

Every reader of files (datasets, codebooks, the bundled resources) reports what is wrong with a
value the same way: the converter's detailed validation, turned into :class:`Problem` lines
that name the field's path. cattrs is imported only when there is something to structure or
an error to report: the fast path of loading needs neither.
"""

from __future__ import annotations

from typing import Any

import attrs

from policytrack.errors import Problem

__all__ = ["located", "record_id", "structure"]


def _format_exception(exc: BaseException, type_: Any) -> str:
    import cattrs  # noqa: PLC0415  (only when there is an error to report)

    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return _unknown_fields(sorted(exc.extra_fields), exc.cl)
    if isinstance(exc, (TypeError, ValueError)) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return cattrs.v.format_exception(exc, type_)


def _unknown_fields(extra: list[str], cls: type) -> str:
    import difflib  # noqa: PLC0415  (only when there is an error to report)

    known = [f.name for f in attrs.fields(cls)] if attrs.has(cls) else []
    names = []
    for name in extra:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        names.append(f"{name!r} (did you mean {close[0]!r}?)" if close else repr(name))
    if len(names) == 1:
        return f"unknown field {names[0]}"
    return f"unknown fields {', '.join(names[:-1])} and {names[-1]}"


def located(exc: Exception, file: str, record: str, prefix: str = "") -> list[Problem]:
    """The problems *exc*, raised by the converter, reports: one per failing field.

    Args:
        exc: What structuring raised.
        file: The file the data came from.
        record: The record's id, or where it stands in the file.
        prefix: The path of the structured value inside the record, if it is not the record.
    """
    import cattrs  # noqa: PLC0415  (only when there is an error to report)

    if not isinstance(exc, cattrs.BaseValidationError):
        return [Problem(file, record, prefix, str(exc))]
    problems = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        path = path.removeprefix("$").removeprefix(".")
        if message.startswith("'") and "' must" in message:
            # attrs validators name the field: move the name into the path.
            name = message[1 : message.index("' must")]
            path = f"{path}.{name}" if path else name
            message = message[len(name) + 3 :]
        if prefix:
            path = f"{prefix}.{path}" if path and not path.startswith("[") else prefix + path
        problems.append(Problem(file, record, path, message))
    return problems


def structure(
    data: Any, cls: type[Any], file: str, record: str, problems: list[Problem], *, prefix: str = ""
) -> Any:
    """*data* structured as *cls* by the converter, or None with its problems added."""
    if not isinstance(data, dict):
        problems.append(
            Problem(file, record, prefix, f"expected a table of fields, got {type(data).__name__}")
        )
        return None
    from policytrack.storage.converter import converter  # noqa: PLC0415  (see the docstring)

    try:
        return converter.structure(data, cls)
    except Exception as exc:  # every structuring failure becomes a located problem
        problems.extend(located(exc, file, record, prefix))
        return None


def record_id(data: Any, fallback: str) -> str:
    """The id a record's data gives itself, or *fallback* when it gives none."""
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return str(data["id"])
    return fallback
