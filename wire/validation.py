"""Checking a ninjs item against IPTC's JSON schema (the copies shipped in wire/schemas/, see NOTICE.md there).

``validate(item, "3.1")`` gives the item's errors as sentences, none for a valid item. Used for what Newsroom sends
(wire/ninjs_out.py) and for what agencies send (the wire importer). Pure: no Django, no network — the GeoJSON schema
the 2.x and 3.x schemas refer to is resolved to the shipped copy, never fetched.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import FormatChecker
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parent / "schemas"

# The newest schema of each branch shipped here. IPTC keeps every minor version backwards-compatible with the earlier
# ones of its branch, so a 3.0 item is checked against 3.1, a 2.1 item against 2.2.
SCHEMA_FILES = {"3": "ninjs-schema_3.1.json", "2": "ninjs-schema_2.2.json", "1": "ninjs-schema_1.6.json"}
GEOJSON_FILE = "GeoJSON-schema.json"

# jsonschema checks "date-time" and "uri" only with optional packages (rfc3339-validator, rfc3987) that are not
# installed; without a check of their own the two formats ninjs uses most would go unchecked. These follow RFC 3339
# (section 5.6) and RFC 3986 (an absolute URI: a scheme, then only characters a URI may hold, any other one
# percent-encoded). Deliberately no more: a URI's parts are not parsed further.
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")


def is_rfc3339_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True  # formats apply to strings only; "type" judges the rest
    if not _RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:  # 2026-02-30, 25:00
        return False
    return True


def is_absolute_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_ABSOLUTE_URI.match(value))


def schema_branch(version: str) -> str:
    """ "3.1", "3.0", "3", "ninjs-3" → "3": which shipped schema checks an item of that version."""
    branch = version.removeprefix("ninjs-").split(".")[0]
    if branch not in SCHEMA_FILES:
        raise ValueError(f"No ninjs schema for version {version!r}; shipped: {', '.join(sorted(SCHEMA_FILES))}.x")
    return branch


def load_schema(version: str) -> dict[str, Any]:
    return _read(SCHEMA_FILES[schema_branch(version)])


def validate(item: Any, version: str = "3.1", *, check_formats: bool = True) -> list[str]:
    """The item's errors against IPTC's ninjs schema of ``version``'s branch, each as "where: what", in document
    order; an empty list for a valid item. ``check_formats`` also checks "date-time", "uri" and the other formats
    the schema names (IPTC's own test runner does not)."""
    validator = _validator(schema_branch(version), check_formats)
    errors = sorted(validator.iter_errors(item), key=lambda error: [str(part) for part in error.absolute_path])
    return [f"{_json_path(error.absolute_path)}: {error.message}" for error in errors]


@cache
def _validator(branch: str, check_formats: bool) -> Validator:
    schema = _read(SCHEMA_FILES[branch])
    cls = validator_for(schema)
    cls.check_schema(schema)
    geojson = _read(GEOJSON_FILE)
    registry: Registry = Registry().with_resource(geojson["$id"], Resource.from_contents(geojson))
    format_checker = None
    if check_formats:
        format_checker = FormatChecker()
        format_checker.checkers.update(cls.FORMAT_CHECKER.checkers)
        format_checker.checks("date-time")(is_rfc3339_datetime)
        format_checker.checks("uri")(is_absolute_uri)
    return cls(schema, registry=registry, format_checker=format_checker)


@cache
def _read(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _json_path(parts) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)
