"""Validates a lab pack against examples/labs/schema.json, whose scenario and traffic
definitions come from scenarios/schema.json (by its $id). Exit 0 valid, 1 invalid.
Usage: lab_schema_check.py LAB_SCHEMA SCENARIO_SCHEMA LAB_JSON"""
import json
import sys

import jsonschema

lab_schema, scenario_schema, doc = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:4])
for s in (lab_schema, scenario_schema):
    jsonschema.validators.validator_for(s).check_schema(s)
cls = jsonschema.validators.validator_for(lab_schema)
try:  # jsonschema >= 4.18: the referencing library
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in (lab_schema, scenario_schema)])
    validator = cls(lab_schema, registry=registry)
except ImportError:  # Debian 12's jsonschema 4.10
    resolver = jsonschema.RefResolver.from_schema(lab_schema, store={scenario_schema["$id"]: scenario_schema})
    validator = cls(lab_schema, resolver=resolver)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors[:5]:
    print("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:300])
sys.exit(1 if errors else 0)
