"""Small builders of valid STIX 2.1 objects for tests."""

import uuid

T0 = "2025-06-18T09:00:00.000Z"


def sdo(
    kind: str = "threat-actor", *, id: str | None = None, modified: str = T0, created: str = T0, **props
) -> dict:
    obj = {
        "type": kind,
        "spec_version": "2.1",
        "id": id or f"{kind}--{uuid.uuid4()}",
        "created": created,
        "modified": modified,
    }
    if kind in ("threat-actor", "campaign", "identity", "intrusion-set", "tool", "attack-pattern"):
        obj["name"] = props.pop("name", f"{kind} {obj['id'][-6:]}")
    if kind == "identity":
        obj["identity_class"] = props.pop("identity_class", "organization")
    if kind == "indicator":
        obj.update(
            pattern="[domain-name:value = 'propaganda.example']", pattern_type="stix", valid_from=created
        )
    obj.update(props)
    return obj


def sco(value: str = "propaganda.example", kind: str = "domain-name") -> dict:
    return {"type": kind, "spec_version": "2.1", "id": f"{kind}--{uuid.uuid4()}", "value": value}


def mixed_submission() -> tuple[list[dict], dict]:
    """42 objects (chunks of 10 for the tests of chunked adds) and the first of them: valid objects, invalid
    ones, a later version of the first object in the third chunk, a conflicting duplicate inside the second,
    and versionless SCOs."""
    first = sdo(name="first version")
    objects = []
    for i in range(40):
        if i == 0:
            objects.append(first)
        elif i == 25:
            objects.append({**first, "modified": "2025-06-19T09:00:00.000Z", "name": "second version"})
        elif i % 7 == 3:
            bad = sdo("indicator")
            del bad["pattern"]
            objects.append(bad)
        elif i % 9 == 4:
            objects.append(sco(f"host{i}.example"))
        else:
            objects.append(sdo("campaign"))
    clash = sdo()
    objects[12:12] = [clash, {**clash, "name": "same id and version, other content"}]
    return objects, first
