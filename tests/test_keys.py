"""Signing keys: keygen, the key registry (keys.yaml), the did:web DID document, secret key files
and the environment variable, every broken key file and registry, and compromised keys."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credsite.base import urls
from credsite.issuer.keys import (
    encode_secret_key,
    generate,
    parse_timestamp,
    secret_document,
    write_secret_file,
)
from credsite.standards.fetch import site_fetcher
from credsite.standards.keyresolution import did_web_url
from credsite.standards.multibase import (
    decode_public_key,
    decode_secret_key,
    encode_public_key,
    multibase_encode,
)
from credsite.standards.proofs import sign
from credsite.standards.verification import verify_credential

from .conftest import SiteFolder
from .issuer_site import DID, ISSUED_AT, KEYGEN_AT, Issuer, tree_files

CORPUS = Path(__file__).parent / "corpus" / "bad-keys"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def issuer(site: SiteFolder, tmp_path: Path) -> Issuer:
    return Issuer.with_key(site, tmp_path)


def _public_of_secret(secret_key_multibase: str) -> str:
    seed = decode_secret_key(secret_key_multibase)
    return encode_public_key(
        Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()
    )


def _nothing_issued(issuer: Issuer) -> None:
    assert not (issuer.root / "content" / "credentials").exists()
    assert not (issuer.root / "content" / "status").exists()
    assert not (issuer.outside / "mail.csv").exists()


def _issue_args(issuer: Issuer, *extra: object) -> list[object]:
    path = issuer.write_csv([["name", "email"], ["Ada Lovelace", "ada@example.org"]])
    return [
        "issue",
        "--module",
        "test-module",
        "--csv",
        path,
        "--mail-merge",
        issuer.outside / "mail.csv",
        "--jobs",
        "1",
        *extra,
    ]


# -- keygen ----------------------------------------------------------------------------------


def test_keygen_writes_the_secret_privately_outside_the_site(site: SiteFolder, tmp_path: Path):
    site.module("test-module")
    issuer = Issuer(site, tmp_path)
    result = issuer.ok("keygen", at=KEYGEN_AT)

    secret_path = issuer.config / "credsite" / "mc.example.org" / "key-2026-03-01.json"
    assert "new signing key 'key-2026-03-01'" in result.out
    assert f"secret key written to {secret_path} (mode 0600)" in result.out
    assert secret_path.stat().st_mode & 0o777 == 0o600
    assert secret_path.parent.stat().st_mode & 0o777 == 0o700
    assert not secret_path.resolve().is_relative_to(issuer.root.resolve())

    secret = json.loads(secret_path.read_text(encoding="utf-8"))
    assert secret["id"] == f"{DID}#key-2026-03-01"
    assert secret["controller"] == DID
    assert secret["type"] == "Multikey"
    assert len(decode_secret_key(secret["secretKeyMultibase"])) == 32
    public = _public_of_secret(secret["secretKeyMultibase"])
    assert secret["publicKeyMultibase"] == public

    assert issuer.registry_keys() == [
        {
            "id": "key-2026-03-01",
            "public_key": public,
            "created": "2026-03-01T09:00:00Z",
            "status": "active",
        }
    ]
    for relative, data in tree_files(issuer.root).items():
        assert secret["secretKeyMultibase"].encode() not in data, relative


@pytest.mark.parametrize(
    "inside",
    ["secret.json", "content/keys/secret.json", "content/../secret.json", "via-link/secret.json"],
)
def test_keygen_refuses_a_key_file_inside_the_site(
    site: SiteFolder, tmp_path: Path, inside: str
) -> None:
    site.module("test-module")
    issuer = Issuer(site, tmp_path)
    if inside.startswith("via-link"):
        (issuer.outside / "via-link").symlink_to(issuer.root, target_is_directory=True)
        path = issuer.outside / inside
    else:
        path = issuer.root / inside
    result = issuer.run("keygen", "--key-file", path)
    assert result.code == 1
    assert result.error_lines() == [
        f"error: {path}: refusing to write a secret key inside the site's folder (it would end up in git); choose a path outside {issuer.root}"
    ]
    assert not path.exists()
    assert not (issuer.root / "keys.yaml").exists()


def test_keygen_refuses_a_default_path_inside_the_site(site: SiteFolder, tmp_path: Path) -> None:
    """Even a config folder inside the site (XDG_CONFIG_HOME set carelessly) is refused."""
    site.module("test-module")
    issuer = Issuer(site, tmp_path)
    config = issuer.root / ".config"
    result = issuer.run("keygen", at=KEYGEN_AT, env={"XDG_CONFIG_HOME": str(config)})
    assert result.code == 1
    assert "refusing to write a secret key inside the site's folder" in result.err
    assert not config.exists() or not any(config.rglob("*.json"))
    assert not (issuer.root / "keys.yaml").exists()


def test_keygen_never_overwrites_a_key_file(site: SiteFolder, tmp_path: Path) -> None:
    site.module("test-module")
    issuer = Issuer(site, tmp_path)
    precious = issuer.outside / "precious.json"
    precious.write_text("the only copy of an old key\n", encoding="utf-8")
    result = issuer.run("keygen", "--key-file", precious)
    assert result.code == 1
    assert result.error_lines() == [
        f"error: {precious}: already exists; refusing to overwrite a key (move it away first)"
    ]
    assert precious.read_text(encoding="utf-8") == "the only copy of an old key\n"
    assert not (issuer.root / "keys.yaml").exists()


def test_keygen_never_overwrites_the_default_key_file(issuer: Issuer) -> None:
    """keys.yaml lost, keygen again on the same day: the old secret at the default path stays."""
    secret_path = issuer.key_file()
    before = secret_path.read_bytes()
    (issuer.root / "keys.yaml").unlink()
    result = issuer.run("keygen", at=KEYGEN_AT)
    assert result.code == 1
    assert "already exists; refusing to overwrite a key" in result.err
    assert secret_path.read_bytes() == before
    assert not (issuer.root / "keys.yaml").exists()


def test_keygen_with_a_key_file_and_issuing_with_it(site: SiteFolder, tmp_path: Path) -> None:
    site.module("test-module")
    issuer = Issuer(site, tmp_path)
    key_file = issuer.outside / "keys" / "signing.json"
    issuer.ok("keygen", "--key-file", key_file, at=KEYGEN_AT)
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert not issuer.config.joinpath("credsite").exists()
    # the default path is empty, so issue needs the file named
    result = issuer.run(*_issue_args(issuer))
    default = issuer.key_file("key-2026-03-01")
    assert result.error_lines() == [
        f"error: no signing key: {default} does not exist (pass --key-file PATH or set CREDSITE_SIGNING_KEY)"
    ]
    _nothing_issued(issuer)
    issuer.ok(*_issue_args(issuer, "--key-file", key_file))


def test_second_keygen_retires_the_first_and_the_did_document_keeps_both(issuer: Issuer) -> None:
    [old_credential] = issuer.issue([["Ada Lovelace", "ada@example.org"]])
    first = issuer.registry_keys()[0]

    result = issuer.ok("keygen", at="2026-03-05T09:00:00Z")
    assert "the previous key 'key-2026-03-01' is retired" in result.out
    keys = issuer.registry_keys()
    assert [(k["id"], k["status"]) for k in keys] == [
        ("key-2026-03-01", "retired"),
        ("key-2026-03-05", "active"),
    ]
    assert keys[0]["public_key"] == first["public_key"]
    assert keys[1]["public_key"] != first["public_key"]

    [new_credential] = issuer.issue(
        [["Alan Turing", "alan@example.org"]], at="2026-03-06T09:00:00Z"
    )
    assert issuer.credential(new_credential)["proof"][0]["verificationMethod"] == (
        f"{DID}#key-2026-03-05"
    )

    out = issuer.build()
    document = json.loads((out / ".well-known" / "did.json").read_bytes())
    ids = [f"{DID}#key-2026-03-01", f"{DID}#key-2026-03-05"]
    assert document == {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": DID,
        "verificationMethod": [
            {
                "id": ids[index],
                "type": "Multikey",
                "controller": DID,
                "publicKeyMultibase": keys[index]["public_key"],
            }
            for index in range(2)
        ],
        "assertionMethod": ids,
    }
    for token in (old_credential, new_credential):
        assert issuer.credential(token)["issuer"]["id"] == DID  # = every key's controller
        assert issuer.verify(token, out).state == "verified"


def test_second_keygen_on_the_same_day_gets_its_own_id(issuer: Issuer) -> None:
    issuer.ok("keygen", at=KEYGEN_AT)
    issuer.ok("keygen", at=KEYGEN_AT)
    assert [(k["id"], k["status"]) for k in issuer.registry_keys()] == [
        ("key-2026-03-01", "retired"),
        ("key-2026-03-01-2", "retired"),
        ("key-2026-03-01-3", "active"),
    ]
    assert len({k["public_key"] for k in issuer.registry_keys()}) == 3
    for key in issuer.registry_keys():
        assert issuer.key_file(key["id"]).is_file()


@pytest.mark.parametrize(
    ("base_url", "did", "did_path", "config_folder"),
    [
        (
            "https://mc.example.org/",
            "did:web:mc.example.org",
            ".well-known/did.json",
            "mc.example.org",
        ),
        (
            "https://example.org/microcredentials/",
            "did:web:example.org:microcredentials",
            "did.json",
            "example.org_microcredentials",
        ),
        (
            "https://example.org:8443/",
            "did:web:example.org%3A8443",
            ".well-known/did.json",
            "example.org_8443",
        ),
        (
            "https://example.org:8443/a/b/",
            "did:web:example.org%3A8443:a:b",
            "did.json",
            "example.org_8443_a_b",
        ),
    ],
)
def test_did_web_for_every_kind_of_base_url(
    site: SiteFolder, tmp_path: Path, base_url: str, did: str, did_path: str, config_folder: str
) -> None:
    site.write(
        "site.yaml",
        f"base_url: {base_url}\ninstitution:\n  name: {{nl: Testhogeschool, en: Test University}}\n  country: NL\n",
    )
    site.module("test-module")
    issuer = Issuer(site, tmp_path)
    issuer.ok("keygen", at=KEYGEN_AT)
    assert (issuer.config / "credsite" / config_folder / "key-2026-03-01.json").is_file()
    [token] = issuer.issue([["Ada Lovelace", "ada@example.org"]])
    credential = issuer.credential(token)
    assert credential["issuer"]["id"] == did
    assert credential["id"] == f"{base_url}c/{token}/"
    assert credential["proof"][0]["verificationMethod"] == f"{did}#key-2026-03-01"
    assert credential["credentialStatus"]["statusListCredential"] == (
        f"{base_url}status/revocation-1.json"
    )

    out = issuer.build()
    document = json.loads((out / did_path).read_bytes())
    assert document["id"] == did
    assert document["assertionMethod"] == [f"{did}#key-2026-03-01"]
    assert document["verificationMethod"][0]["controller"] == did
    # where did:web resolution looks (the did:web method spec) is where the build put it
    assert did_web_url(did) == base_url + did_path
    assert urls.did_web(base_url) == did
    report = verify_credential(
        credential, site_fetcher(out, base_url), parse_timestamp("2026-11-01T00:00:00Z")
    )
    assert report.state == "verified", report.as_json()


# -- where the secret comes from -------------------------------------------------------------


@pytest.mark.parametrize("form", ["json", "bare", "bare-with-newline"])
def test_signing_key_from_the_environment(issuer: Issuer, form: str) -> None:
    secret_file = issuer.key_file()
    text = secret_file.read_text(encoding="utf-8")
    secret = json.loads(text)["secretKeyMultibase"]
    value = {"json": text, "bare": secret, "bare-with-newline": f"  {secret}\n"}[form]
    secret_file.rename(issuer.outside / "moved-away.json")  # the default path is empty now
    issuer.issue([["Ada Lovelace", "ada@example.org"]], env={"CREDSITE_SIGNING_KEY": value})


def test_a_bad_environment_key_is_reported_as_the_variable(issuer: Issuer) -> None:
    result = issuer.run(*_issue_args(issuer), env={"CREDSITE_SIGNING_KEY": "z3u2en0OIl"})
    assert result.error_lines() == [
        "error: $CREDSITE_SIGNING_KEY: not an Ed25519 secret key (secretKeyMultibase: invalid base58btc character '0' at position 5 (0, O, I and l are not in the alphabet))"
    ]
    _nothing_issued(issuer)
    result = issuer.run(*_issue_args(issuer), env={"CREDSITE_SIGNING_KEY": '{"type": "Multikey"}'})
    assert result.error_lines() == [
        "error: $CREDSITE_SIGNING_KEY: no secretKeyMultibase in the key file"
    ]


def test_key_file_option_wins_over_the_environment_which_wins_over_the_default(
    issuer: Issuer,
) -> None:
    stranger = generate("key-stranger")
    stranger_secret = secret_document(stranger, DID)["secretKeyMultibase"]
    # the environment's key is used although the default key file exists ...
    result = issuer.run(*_issue_args(issuer), env={"CREDSITE_SIGNING_KEY": stranger_secret})
    assert result.error_lines() == [
        "error: $CREDSITE_SIGNING_KEY: this is not a key listed in keys.yaml, not the active signing key 'key-2026-03-01'"
    ]
    _nothing_issued(issuer)
    # ... and --key-file is used although the environment names another key
    issuer.ok(
        *_issue_args(issuer, "--key-file", issuer.key_file()),
        env={"CREDSITE_SIGNING_KEY": stranger_secret},
    )


def test_the_long_secret_form_seed_and_public_key_is_accepted(issuer: Issuer) -> None:
    """The OB implementation guide's form: 0x8026, the seed, then the public key."""
    secret_file = issuer.key_file()
    document = json.loads(secret_file.read_text(encoding="utf-8"))
    seed = decode_secret_key(document["secretKeyMultibase"])
    public = decode_public_key(document["publicKeyMultibase"])
    long_form = multibase_encode(b"\x80\x26" + seed + public)
    assert long_form != encode_secret_key(seed)
    issuer.issue([["Ada Lovelace", "ada@example.org"]], env={"CREDSITE_SIGNING_KEY": long_form})


# -- every broken key file -------------------------------------------------------------------


def test_every_corpus_key_file_has_an_expectation() -> None:
    assert {p.name for p in CORPUS.glob("*.json")} == set(EXPECTED["key-files"])
    assert {p.name for p in (CORPUS / "registries").glob("*.yaml")} == set(EXPECTED["registries"])


@pytest.mark.parametrize("name", sorted(EXPECTED["key-files"]))
def test_bad_key_file_is_refused_with_its_message(issuer: Issuer, name: str) -> None:
    path = issuer.outside / name
    shutil.copyfile(CORPUS / name, path)
    path.chmod(0o600)
    result = issuer.run(*_issue_args(issuer, "--key-file", path))
    assert result.code == 1
    assert result.error_lines() == [EXPECTED["key-files"][name].format(path=path)]
    _nothing_issued(issuer)


def test_missing_key_file(issuer: Issuer) -> None:
    path = issuer.outside / "no-such-key.json"
    result = issuer.run(*_issue_args(issuer, "--key-file", path))
    assert result.error_lines() == [f"error: {path}: no such key file"]
    _nothing_issued(issuer)


def test_missing_default_key_file(issuer: Issuer) -> None:
    default = issuer.key_file()
    default.unlink()
    result = issuer.run(*_issue_args(issuer))
    assert result.error_lines() == [
        f"error: no signing key: {default} does not exist (pass --key-file PATH or set CREDSITE_SIGNING_KEY)"
    ]
    _nothing_issued(issuer)


def test_a_folder_is_not_a_key_file(issuer: Issuer) -> None:
    path = issuer.outside / "a-folder"
    path.mkdir(mode=0o700)
    result = issuer.run(*_issue_args(issuer, "--key-file", path))
    assert result.error_lines() == [f"error: {path}: cannot read the key file (Is a directory)"]
    _nothing_issued(issuer)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660, 0o666, 0o620, 0o602, 0o610])
def test_a_key_file_other_users_can_use_is_refused(issuer: Issuer, mode: int) -> None:
    path = issuer.key_file()
    path.chmod(mode)
    result = issuer.run(*_issue_args(issuer))
    assert result.error_lines() == [
        f"error: {path}: other users can read this key file; run 'chmod 600 {path}'"
    ]
    _nothing_issued(issuer)


@pytest.mark.parametrize("mode", [0o600, 0o400, 0o700])
def test_a_key_file_only_its_owner_can_read_is_accepted(issuer: Issuer, mode: int) -> None:
    issuer.key_file().chmod(mode)
    issuer.issue([["Ada Lovelace", "ada@example.org"]])


def test_a_retired_key_cannot_sign(issuer: Issuer) -> None:
    old = issuer.key_file()
    issuer.ok("keygen", at="2026-03-05T09:00:00Z")
    result = issuer.run(*_issue_args(issuer, "--key-file", old))
    assert result.error_lines() == [
        f"error: {old}: this is the retired key 'key-2026-03-01', not the active signing key 'key-2026-03-05'"
    ]
    _nothing_issued(issuer)


def test_an_unknown_key_cannot_sign(issuer: Issuer) -> None:
    stranger = issuer.outside / "stranger.json"
    write_secret_file(stranger, secret_document(generate("key-2026-03-01"), DID), issuer.root)
    result = issuer.run(*_issue_args(issuer, "--key-file", stranger))
    assert result.error_lines() == [
        f"error: {stranger}: this is not a key listed in keys.yaml, not the active signing key 'key-2026-03-01'"
    ]
    _nothing_issued(issuer)


def test_a_compromised_key_cannot_sign(issuer: Issuer) -> None:
    """Marking the active key compromised leaves no active key until keygen."""
    issuer.ok("key", "compromised", "key-2026-03-01", "--since", "2026-03-01T12:00:00Z")
    result = issuer.run(*_issue_args(issuer))
    assert result.error_lines() == [
        "error: keys.yaml has no active key; run 'credsite keygen' first"
    ]
    _nothing_issued(issuer)


def test_keys_yaml_without_an_active_key(issuer: Issuer) -> None:
    path = issuer.root / "keys.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("active", "retired"), "utf-8")
    result = issuer.run(*_issue_args(issuer))
    assert result.error_lines() == [
        "error: keys.yaml has no active key; run 'credsite keygen' first"
    ]
    _nothing_issued(issuer)


def test_no_keys_yaml_at_all(site: SiteFolder, tmp_path: Path) -> None:
    site.module("test-module")
    issuer = Issuer(site, tmp_path)
    result = issuer.run(*_issue_args(issuer))
    assert result.error_lines() == [
        "error: keys.yaml has no active key; run 'credsite keygen' first"
    ]
    _nothing_issued(issuer)


@pytest.mark.parametrize("name", sorted(EXPECTED["registries"]))
def test_bad_keys_yaml_is_reported_with_file_and_line(issuer: Issuer, name: str) -> None:
    keys_yaml = issuer.root / "keys.yaml"
    shutil.copyfile(CORPUS / "registries" / name, keys_yaml)
    expected = EXPECTED["registries"][name]
    summary = f"error: {len(expected)} error(s) in content; nothing was written"

    check = issuer.run("check")
    assert (check.code, check.error_lines()) == (1, [*expected, summary])
    issue = issuer.run(*_issue_args(issuer))
    assert (issue.code, issue.error_lines()) == (1, [*expected, summary])
    _nothing_issued(issuer)
    keygen = issuer.run("keygen", "--key-file", issuer.outside / "new.json")
    assert (keygen.code, keygen.error_lines()) == (1, [*expected, summary])
    assert keys_yaml.read_bytes() == (CORPUS / "registries" / name).read_bytes()
    assert not (issuer.outside / "new.json").exists()


# -- compromised keys ------------------------------------------------------------------------


def test_compromised_key_keeps_what_it_signed_before_the_moment(issuer: Issuer) -> None:
    [before] = issuer.issue([["Ada Lovelace", "ada@example.org"]], at="2026-03-02T10:00:00Z")
    [just_before] = issuer.issue([["Alan Turing", "alan@example.org"]], at="2026-03-04T23:59:59Z")
    [at_moment] = issuer.issue([["Grace Hopper", "grace@example.org"]], at="2026-03-05T00:00:00Z")
    [after] = issuer.issue([["Edsger Dijkstra", "edsger@example.org"]], at="2026-03-10T10:00:00Z")
    assert issuer.build() is not None  # all four verify before the compromise

    result = issuer.ok("key", "compromised", "key-2026-03-01", "--since", "2026-03-05T00:00:00Z")
    assert "key 'key-2026-03-01' marked compromised since 2026-03-05T00:00:00Z" in result.out
    [key] = issuer.registry_keys()
    assert (key["status"], key["compromised_since"]) == ("compromised", "2026-03-05T00:00:00Z")

    build = issuer.run("build", "--out", issuer.builds / "after", "--jobs", "1")
    assert build.code == 0, build.text
    warned = sorted(line for line in build.err.splitlines() if "no longer verifies" in line)
    assert [line.split(":")[0] for line in warned] == sorted(
        f"content/credentials/{t}.json" for t in (at_moment, after)
    )
    for line in warned:
        assert (
            "warning: no longer verifies: The issuer's key was marked compromised on 2026-03-05T00:00:00Z"
            in line
        )
        assert "Issue it again (issue --again) and revoke this one." in line

    out = issuer.builds / "after"
    did_document = json.loads((out / ".well-known" / "did.json").read_bytes())
    [method] = did_document["verificationMethod"]
    assert method["revoked"] == "2026-03-05T00:00:00Z"
    assert did_document["assertionMethod"] == [method["id"]]

    for token in (before, just_before):
        report = issuer.verify(token, out)
        assert report.state == "verified", report.as_json()
        assert report.outcome("key-status") == "warning"
    for token in (at_moment, after):
        report = issuer.verify(token, out)
        assert report.state == "invalid", report.as_json()
        assert report.outcome("key-status") == "failed"
        assert report.outcome("signature") == "passed"  # the signature is genuine; the key is not


def test_recovering_from_a_compromised_key(issuer: Issuer) -> None:
    """The steps the command prints: new key, issue again, revoke what was signed after."""
    [bad] = issuer.issue([["Ada Lovelace", "ada@example.org"]], at="2026-03-10T10:00:00Z")
    issuer.ok("key", "compromised", "key-2026-03-01", "--since", "2026-03-05T00:00:00Z")
    issuer.ok("keygen", at="2026-03-11T09:00:00Z")
    assert [(k["id"], k["status"]) for k in issuer.registry_keys()] == [
        ("key-2026-03-01", "compromised"),
        ("key-2026-03-11", "active"),
    ]
    [good] = issuer.issue(
        [["Ada Lovelace", "ada@example.org"]], "--again", at="2026-03-11T10:00:00Z"
    )
    issuer.ok("revoke", bad, "--reason", "signed with a compromised key", at="2026-03-11T10:05:00Z")
    out = issuer.build()
    assert issuer.verify(good, out).state == "verified"
    assert issuer.verify(bad, out).state == "invalid"


def test_key_compromised_refuses_bad_input(issuer: Issuer) -> None:
    before = (issuer.root / "keys.yaml").read_bytes()
    result = issuer.run("key", "compromised", "key-1999-01-01", "--since", "2026-03-05T00:00:00Z")
    assert result.error_lines() == [
        "error: no key 'key-1999-01-01' in keys.yaml (known keys: key-2026-03-01)"
    ]
    for since in ("yesterday", "2026-03-05", "2026-03-05T00:00:00"):
        result = issuer.run("key", "compromised", "key-2026-03-01", "--since", since)
        assert result.error_lines() == [
            f"error: --since '{since}' is not a date and time (e.g. 2027-01-05T12:00:00Z)"
        ]
    assert (issuer.root / "keys.yaml").read_bytes() == before


def test_issue_after_compromise_with_sign_directly(issuer: Issuer) -> None:
    """A credential signed with credsite.standards.proofs after the moment (as a thief would) fails."""
    [token] = issuer.issue([["Ada Lovelace", "ada@example.org"]], at=ISSUED_AT)
    issuer.ok("key", "compromised", "key-2026-03-01", "--since", "2026-03-05T00:00:00Z")
    out = issuer.build()
    secret = json.loads(issuer.key_file("key-2026-03-01").read_text("utf-8"))
    seed = decode_secret_key(secret["secretKeyMultibase"])
    private = Ed25519PrivateKey.from_private_bytes(seed)
    unsigned = {k: v for k, v in issuer.credential(token).items() if k != "proof"}
    unsigned["credentialSubject"] = {**unsigned["credentialSubject"], "creditsEarned": 30}
    method = f"{DID}#key-2026-03-01"
    forged_late = sign(unsigned, private, method, parse_timestamp("2026-03-06T00:00:00Z"))
    assert issuer.verify(forged_late, out).state == "invalid"
    # a thief may also back-date the proof: that is why revocation, not the key, protects it
    forged_early = sign(unsigned, private, method, parse_timestamp("2026-03-01T00:00:00Z"))
    report = issuer.verify(forged_early, out)
    assert (report.state, report.outcome("key-status")) == ("verified", "warning")
    forged_undated = sign(unsigned, private, method, None)
    assert issuer.verify(forged_undated, out).state == "invalid"


def test_lists_signed_after_the_compromise_are_flagged_until_signed_again(issuer: Issuer) -> None:
    """A revoke during the leak re-signed the lists with the leaked key: verifiers stop
    trusting them, so the build warns, and the next status change with a new key mends it."""
    ada, alan = issuer.issue(
        [["Ada Lovelace", "ada@example.org"], ["Alan Turing", "alan@example.org"]],
        at="2026-03-02T10:00:00Z",
    )
    issuer.ok("suspend", alan, "--reason", "appeal", at="2026-03-10T10:00:00Z")
    issuer.ok("key", "compromised", "key-2026-03-01", "--since", "2026-03-05T00:00:00Z")
    build = issuer.run("build", "--out", issuer.builds / "flagged", "--jobs", "1")
    assert build.code == 0, build.text
    for purpose in ("revocation", "suspension"):
        assert (
            f"content/status/{purpose}-1.json: warning: it was signed after its key was marked compromised, so verifiers do not trust it; the next revoke, suspend or reinstate of a credential on this list signs it again with the active key"
            in build.err.splitlines()
        )
    report = issuer.verify(ada, issuer.builds / "flagged")
    assert (report.state, report.outcome("revocation")) == ("status-unknown", "not-checked")

    issuer.ok("keygen", at="2026-03-11T09:00:00Z")
    issuer.ok("reinstate", alan, at="2026-03-11T10:00:00Z")
    build = issuer.run("build", "--out", issuer.builds / "mended", "--jobs", "1")
    assert build.code == 0 and "status/" not in build.err, build.text
    assert issuer.verify(ada, issuer.builds / "mended").state == "verified"


def test_a_bad_source_date_epoch_is_refused(issuer: Issuer) -> None:
    result = issuer.run("keygen", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.error_lines() == [
        "error: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970"
    ]
    assert [k["status"] for k in issuer.registry_keys()] == ["active"]
