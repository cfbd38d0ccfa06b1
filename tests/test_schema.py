"""The published JSON Schema agrees with the loader: same keys, and it accepts what the loader accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizapp import loader
from tests.conftest import FIXTURES, REPO

SCHEMA = json.loads((REPO / "questions" / "bank.schema.json").read_text(encoding="utf-8"))


def test_schema_is_a_valid_draft7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_schema_keys_match_the_loader() -> None:
    assert set(SCHEMA["properties"]) == set(loader._BANK_KEYS)
    assert set(SCHEMA["required"]) == {k for k, required in loader._BANK_KEYS.items() if required}
    for qtype, keys in loader._TYPE_KEYS.items():
        definition = SCHEMA["definitions"][qtype]
        assert set(definition["properties"]) == set(loader._COMMON_KEYS) | set(keys), qtype
        required = {k for k, r in {**loader._COMMON_KEYS, **keys}.items() if r}
        assert set(definition["required"]) == required, qtype


def banks() -> list[Path]:
    return [FIXTURES / "valid" / "every_type.yaml", *sorted((REPO / "questions").glob("*.yaml"))]


@pytest.mark.parametrize("path", banks(), ids=lambda p: p.name)
def test_schema_accepts_valid_banks(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft7Validator)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["questions"][0].update(anwser="x"), "questions/0"),
        (lambda d: d["questions"][2].update(answer="true"), "questions/2/answer"),
        (lambda d: d["questions"][0].update(difficulty=5), "questions/0/difficulty"),
        (lambda d: d["questions"][4].update(tolerance=-1), "questions/4/tolerance"),
        (lambda d: d.update(format=2), "format"),
        (lambda d: d["questions"][0].update(image="../outside.png"), "questions/0/image"),
    ],
)
def test_schema_refuses_what_the_loader_refuses(change: object, path: str) -> None:
    data = yaml.safe_load((FIXTURES / "valid" / "every_type.yaml").read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    errors = list(jsonschema.Draft7Validator(SCHEMA).iter_errors(data))
    assert errors
    assert any("/".join(str(p) for p in e.absolute_path).startswith(path) for e in errors), errors
