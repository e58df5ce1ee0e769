"""A corpus of valid STIX 2.1 objects of every type, built with the OASIS ``stix2`` library.

Each object is returned as plain JSON data (what arrives over TAXII), not as a stix2 instance.
"""

import json

import stix2
from stix2.properties import StringProperty

from hotline.stix.markings import TLP_MARKINGS

SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
MD5 = "d41d8cd98f00b204e9800998ecf8427e"
NEW_SDO_EXT = "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e"
NEW_SCO_EXT = "extension-definition--2074a052-8be4-4932-849e-f5e7798e0030"
NEW_SRO_EXT = "extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e"


@stix2.CustomObject(
    "x-hotline-alert", [("subject", StringProperty(required=True))], extension_name=NEW_SDO_EXT
)
class _Alert:
    pass


@stix2.CustomObservable(
    "x-hotline-handle", [("value", StringProperty(required=True))], ["value"], extension_name=NEW_SCO_EXT
)
class _Handle:
    pass


def data(obj) -> dict:
    """A stix2 object as the JSON data a partner would send."""
    return json.loads(obj.serialize())


def valid_objects() -> list[dict]:
    author = stix2.Identity(name="BNPT", identity_class="organization", sectors=["government"])
    statement = stix2.MarkingDefinition(definition_type="statement", definition={"statement": "JWG only"})
    marks = {"created_by_ref": author.id, "object_marking_refs": [stix2.TLP_AMBER.id, statement.id]}
    kcp = [{"kill_chain_name": "mitre-attack", "phase_name": "initial-access"}]
    ref = [{"source_name": "example", "url": "https://example.org/report", "external_id": "R-1"}]

    ip4 = stix2.IPv4Address(value="198.51.100.7")
    ip6 = stix2.IPv6Address(value="2001:db8::1")
    mac = stix2.MACAddress(value="00:1a:2b:3c:4d:5e")
    domain = stix2.DomainName(value="example.com", resolves_to_refs=[ip4.id])
    email = stix2.EmailAddress(value="alice@example.com", display_name="Alice")
    account = stix2.UserAccount(
        user_id="1001",
        account_login="alice",
        account_type="unix",
        extensions={"unix-account-ext": stix2.UNIXAccountExt(gid=1001, home_dir="/home/alice")},
    )
    directory = stix2.Directory(path="/tmp")
    artifact = stix2.Artifact(mime_type="application/zip", payload_bin="UEsDBA==")
    artifact_url = stix2.Artifact(url="https://example.org/a.zip", hashes={"SHA-256": SHA256})
    file_ = stix2.File(
        name="dropper.exe",
        hashes={"SHA-256": SHA256, "MD5": MD5},
        size=1024,
        parent_directory_ref=directory.id,
        content_ref=artifact.id,
    )
    archive = stix2.File(name="a.zip", extensions={"archive-ext": stix2.ArchiveExt(contains_refs=[file_.id])})
    software = stix2.Software(
        name="Word",
        vendor="Microsoft",
        version="2019",
        languages=["en"],
        cpe="cpe:2.3:a:microsoft:word:2019:*:*:*:*:*:*:*",
    )
    traffic = stix2.NetworkTraffic(
        src_ref=ip4.id,
        dst_ref=domain.id,
        protocols=["tcp", "http"],
        src_port=443,
        extensions={"http-request-ext": stix2.HTTPRequestExt(request_method="get", request_value="/")},
    )
    process = stix2.Process(pid=4242, command_line="dropper.exe -q", image_ref=file_.id)
    message = stix2.EmailMessage(
        is_multipart=False,
        subject="hello",
        from_ref=email.id,
        to_refs=[email.id],
        body="see attached",
        date="2024-01-02T03:04:05Z",
    )
    multipart = stix2.EmailMessage(
        is_multipart=True,
        subject="files",
        body_multipart=[
            {"content_type": "text/plain", "body": "hi"},
            {"content_type": "application/zip", "body_raw_ref": artifact.id},
        ],
    )
    observed = stix2.ObservedData(
        first_observed="2024-01-01T00:00:00Z",
        last_observed="2024-01-02T00:00:00Z",
        number_observed=3,
        object_refs=[ip4.id, domain.id],
    )

    actor = stix2.ThreatActor(
        name="Cell X",
        threat_actor_types=["terrorist"],
        aliases=["X"],
        roles=["agent"],
        first_seen="2020-01-01T00:00:00Z",
        last_seen="2024-01-01T00:00:00Z",
        sophistication="intermediate",
        confidence=70,
        lang="id",
        labels=["priority"],
        external_references=ref,
        **marks,
    )
    campaign = stix2.Campaign(
        name="Op Y", first_seen="2023-01-01T00:00:00Z", objective="recruitment", **marks
    )
    indicator = stix2.Indicator(
        name="C2",
        pattern_type="stix",
        valid_from="2024-01-01T00:00:00Z",
        valid_until="2025-01-01T00:00:00Z",
        pattern=f"[ipv4-addr:value = '198.51.100.7'] OR [file:hashes.'SHA-256' = '{SHA256}']",
        indicator_types=["malicious-activity"],
        kill_chain_phases=kcp,
        **marks,
    )
    malware = stix2.Malware(
        name="Dropper",
        is_family=True,
        malware_types=["dropper"],
        sample_refs=[file_.id],
        operating_system_refs=[software.id],
        kill_chain_phases=kcp,
    )
    location = stix2.Location(latitude=-6.2, longitude=106.8, precision=1000.0, country="ID", city="Jakarta")
    report = stix2.Report(
        name="Weekly",
        published="2024-02-01T00:00:00Z",
        report_types=["threat-report"],
        object_refs=[actor.id, indicator.id],
        **marks,
    )
    relationship = stix2.Relationship(
        actor.id, "uses", malware.id, start_time="2023-01-01T00:00:00Z", stop_time="2023-06-01T00:00:00Z"
    )
    tlp2_green = TLP_MARKINGS["green"]["id"]
    granular = stix2.ThreatActor(
        name="Cell Z",
        description="secret",
        aliases=["Z", "Zed"],
        granular_markings=[
            {"marking_ref": tlp2_green, "selectors": ["description"]},
            {"marking_ref": stix2.TLP_RED.id, "selectors": ["aliases.[1]", "external_references"]},
        ],
        external_references=ref,
    )

    objects = [
        author,
        statement,
        ip4,
        ip6,
        mac,
        domain,
        email,
        account,
        directory,
        artifact,
        artifact_url,
        file_,
        archive,
        software,
        traffic,
        process,
        message,
        multipart,
        observed,
        actor,
        campaign,
        indicator,
        malware,
        location,
        report,
        relationship,
        granular,
        stix2.TLP_WHITE,
        stix2.TLP_GREEN,
        stix2.TLP_AMBER,
        stix2.TLP_RED,
        stix2.AttackPattern(name="Spearphishing", kill_chain_phases=kcp, aliases=["phish"]),
        stix2.CourseOfAction(name="Block C2", description="firewall"),
        stix2.Grouping(context="suspicious-activity", object_refs=[actor.id, ip4.id], name="batch"),
        stix2.Incident(name="Incident 7", description="attack on a venue"),
        stix2.Infrastructure(
            name="C2 server",
            infrastructure_types=["command-and-control"],
            first_seen="2023-01-01T00:00:00Z",
            last_seen="2023-01-01T00:00:00Z",
        ),
        stix2.IntrusionSet(
            name="Set", aliases=["S"], goals=["fear"], resource_level="team", primary_motivation="ideology"
        ),
        stix2.Location(region="south-eastern-asia"),
        stix2.Location(country="VN", administrative_area="Hanoi"),
        stix2.Malware(is_family=False, malware_types=["remote-access-trojan"]),
        stix2.MalwareAnalysis(
            product="sandbox",
            result="malicious",
            sample_ref=file_.id,
            analysis_started="2024-01-01T00:00:00Z",
            analysis_ended="2024-01-01T00:10:00Z",
        ),
        stix2.MalwareAnalysis(product="sandbox", analysis_sco_refs=[file_.id, domain.id]),
        stix2.Note(content="Confirmed by MPS", authors=["duty officer"], object_refs=[actor.id]),
        stix2.Opinion(opinion="strongly-agree", explanation="seen it too", object_refs=[indicator.id]),
        stix2.Tool(name="Tor", tool_types=["anonymization"], tool_version="13"),
        stix2.Vulnerability(
            name="Log4Shell", external_references=[{"source_name": "cve", "external_id": "CVE-2021-44228"}]
        ),
        stix2.Sighting(
            sighting_of_ref=indicator.id,
            count=2,
            where_sighted_refs=[author.id],
            observed_data_refs=[observed.id],
            first_seen="2024-01-01T00:00:00Z",
            last_seen="2024-01-02T00:00:00Z",
            summary=False,
        ),
        stix2.Relationship(indicator.id, "indicates", actor.id, description="attributed", confidence=40),
        stix2.LanguageContent(
            object_ref=actor.id,
            object_modified=actor.modified,
            contents={"id": {"name": "Sel X"}, "vi": {"name": "Tế bào X"}},
        ),
        stix2.ExtensionDefinition(
            created_by_ref=author.id,
            name="Hotline alert",
            schema="https://example.org/s",
            version="1.0.0",
            extension_types=["new-sdo"],
        ),
        stix2.ExtensionDefinition(
            created_by_ref=author.id,
            name="extra",
            schema="https://example.org/t",
            version="1.0.0",
            extension_types=["toplevel-property-extension"],
            extension_properties=["x_priority"],
        ),
        stix2.AutonomousSystem(number=64500, name="Example AS", rir="APNIC"),
        stix2.Mutex(name="Global\\x"),
        stix2.URL(value="https://example.com/path?q=1"),
        stix2.WindowsRegistryKey(
            key="HKEY_LOCAL_MACHINE\\Software\\X",
            values=[{"name": "run", "data": "x.exe", "data_type": "REG_SZ"}],
        ),
        stix2.X509Certificate(
            serial_number="36:f7:d4:32",
            issuer="CN=Example CA",
            hashes={"SHA-256": SHA256},
            validity_not_before="2024-01-01T00:00:00Z",
            validity_not_after="2025-01-01T00:00:00Z",
        ),
        _Alert(subject="Bomb threat at venue"),
        _Handle(value="@someone"),
    ]
    result = [data(o) for o in objects]
    result += [dict(m) for m in TLP_MARKINGS.values()]
    result.append(
        {
            "type": "x-hotline-receipt",
            "spec_version": "2.1",
            "id": "x-hotline-receipt--6b0dd3a4-0b85-4ab7-a5d6-2d3a3e2f8b0c",
            "created": "2024-01-01T00:00:00.000Z",
            "modified": "2024-01-01T00:00:00.000Z",
            "source_ref": actor.id,
            "target_ref": author.id,
            "extensions": {NEW_SRO_EXT: {"extension_type": "new-sro"}},
        }
    )
    return result
