"""The shipped JSON Schema matches the loader's own field tables and the built-in data."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from sphinx_llmgloss.core.schema import glossary_schema
from sphinx_llmgloss.core.sources import SCHEMA_FILE, builtin_path

SCHEMA_PATH = builtin_path().with_name(SCHEMA_FILE)


def test_shipped_schema_is_generated_from_the_field_tables() -> None:
    shipped = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert shipped == glossary_schema(), "regenerate glossary_data/glossary.schema.json"


def test_builtin_glossary_validates_against_the_schema() -> None:
    data = yaml.safe_load(builtin_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(glossary_schema()).validate(data)


@pytest.mark.parametrize(
    "bad",
    [
        {"terms": [{"name": "X"}]},
        {"terms": [{"name": "X", "definition": "D", "aliasses": []}]},
        {
            "terms": [
                {"name": "X", "definition": "D", "references": [{"chapter": 1, "appendix": "C"}]}
            ]
        },
        {"terms": [{"name": "X", "definition": "D", "match": {"case": "loud"}}]},
    ],
)
def test_schema_rejects_what_the_loader_rejects(bad: object) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(glossary_schema()).validate(bad)
