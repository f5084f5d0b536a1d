"""Throwaway issuing sites for the issuing tests.

An ``Issuer`` is a site made with ``SiteFolder`` plus everything issuing needs, all inside the
test's ``tmp_path``: the secret keys in a temporary config folder (``XDG_CONFIG_HOME`` and
``HOME`` point there for every command, ``CREDSITE_SIGNING_KEY`` and ``SOURCE_DATE_EPOCH`` are
cleared unless a test sets them), results CSVs and mail-merge files in a folder outside the site,
and builds in their own folders. Commands run in-process through ``credsite.commands.cli.main`` (fast);
``run_process`` starts the real ``python build.py`` where a test needs a process of its own.

Every credential issued through ``Issuer.issue`` is checked against both Open Badges 3.0 schemas
the moment it is written, so no test issues a credential that is not standard.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from credsite.commands import cli
from credsite.standards.fetch import site_fetcher
from credsite.standards.verification import Fetcher, Report, verify_credential

from .conftest import MODULE, REPO, SiteFolder

BASE_URL = "https://mc.example.org/"
DID = "did:web:mc.example.org"
SCHEMAS = REPO / "credsite" / "data" / "schemas"
SCHEMA_FILES = {
    "current": SCHEMAS / "ob_v3p0_achievementcredential_schema.json",
    "strict-2024-09": SCHEMAS
    / "variants"
    / "ob_v3p0_achievementcredential_schema.strict-2024-09.json",
}


def epoch(text: str) -> int:
    """Seconds since 1970 for an RFC 3339 moment, for SOURCE_DATE_EPOCH."""
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


# The moments tests issue at: fixed, so that dates in credentials can be asserted exactly.
KEYGEN_AT = "2026-03-01T09:00:00Z"
ISSUED_AT = "2026-03-02T10:00:00Z"

# Status lists signed at those moments stay valid this long, so that tests that verify months
# later (in November) test what they test; the lists' ends are tested in test_status_validity.py.
LIST_VALIDITY_DAYS = 366

GRADED_MODULE = MODULE.replace("ec: 3\n", "ec: 3\ngrade_achieved_required: true\n")
EXPIRING_MODULE = MODULE.replace("ec: 3\n", "ec: 3\nvalidity: {months: 1}\n")
DRAFT_MODULE = MODULE.replace("status: published\npublished_on: 2026-01-15\n", "status: draft\n")


@dataclass(frozen=True)
class Run:
    """A finished command: its exit code and what it printed."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err

    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@contextlib.contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or, with None, remove) environment variables for the duration of a block."""
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_cli(args: Sequence[str], env: Mapping[str, str | None]) -> Run:
    """``python build.py ARGS`` in this process, with ``env`` applied."""
    out, err = io.StringIO(), io.StringIO()
    with environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exit_:  # argparse refusing the command line
            code = exit_.code if isinstance(exit_.code, int) else 1
    return Run(code, out.getvalue(), err.getvalue())


def process_env(env: Mapping[str, str | None]) -> dict[str, str]:
    result = dict(os.environ)
    for name, value in env.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result


@cache
def _validators() -> dict[str, jsonschema.Draft201909Validator]:
    return {
        name: jsonschema.Draft201909Validator(json.loads(path.read_text(encoding="utf-8")))
        for name, path in SCHEMA_FILES.items()
    }


def schema_errors(document: Any) -> dict[str, list[str]]:
    """Every schema violation, per schema (both are checked independently of credsite)."""
    return {
        name: [
            f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in validator.iter_errors(document)
        ]
        for name, validator in _validators().items()
    }


def assert_standard(document: Any, label: str = "credential") -> None:
    errors = schema_errors(document)
    assert errors == {name: [] for name in SCHEMA_FILES}, f"{label}: {errors}"


def tree_files(folder: Path, cache: bool = True) -> dict[str, bytes]:
    """Every file under a folder (dot-files included), by relative path; without ``cache``,
    not the build's record in .credsite-cache/ (which checking may refresh)."""
    files = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    return {
        relative: path.read_bytes()
        for relative, path in files.items()
        if cache or not relative.startswith(".credsite-cache/")
    }


_ISSUED_LINE = re.compile(r"^line (\d+): issued to (.+): (https://\S+)/c/#?([a-z2-7]+)/?$")


class Issuer:
    """A throwaway site that issues credentials; see the module docstring."""

    def __init__(
        self,
        site: SiteFolder | Path,
        tmp_path: Path,
        list_validity_days: int | None = LIST_VALIDITY_DAYS,
    ):
        """``site``: a SiteFolder, or the folder of an existing site (a copy of the example).
        ``list_validity_days``: written to its site.yaml (None: the default, 90 days)."""
        self.site = site if isinstance(site, SiteFolder) else None
        self.root = site.root if isinstance(site, SiteFolder) else site
        if list_validity_days is not None:
            with (self.root / "site.yaml").open("a", encoding="utf-8") as config:
                config.write(f"status_list_validity_days: {list_validity_days}\n")
        self.outside = tmp_path / "outside"  # results CSVs, mail-merge files, key files
        self.config = tmp_path / "config"  # XDG_CONFIG_HOME: default secret key files
        self.builds = tmp_path / "builds"
        for folder in (self.outside, self.config, self.builds, tmp_path / "home"):
            folder.mkdir(parents=True, exist_ok=True)
        self.env: dict[str, str | None] = {
            "XDG_CONFIG_HOME": str(self.config),
            "HOME": str(tmp_path / "home"),
            "CREDSITE_SIGNING_KEY": None,
            "SOURCE_DATE_EPOCH": None,
        }
        self._csv_count = 0
        self._build_count = 0

    @classmethod
    def with_key(
        cls,
        site: SiteFolder,
        tmp_path: Path,
        modules: Mapping[str, str] | None = None,
        list_validity_days: int | None = LIST_VALIDITY_DAYS,
    ):
        """A site with the given modules (default: test-module) and a signing key."""
        for slug, text in (modules or {"test-module": MODULE}).items():
            site.module(slug, text)
        issuer = cls(site, tmp_path, list_validity_days)
        issuer.ok("keygen", at=KEYGEN_AT)
        return issuer

    # -- commands ----------------------------------------------------------------------------

    def run(self, *args: Any, at: str | None = None, env: Mapping[str, str | None] = ()) -> Run:
        changes = dict(self.env)
        if at is not None:
            changes["SOURCE_DATE_EPOCH"] = str(epoch(at))
        changes.update(env)
        return run_cli(["--root", self.root, *args], changes)

    def ok(self, *args: Any, at: str | None = None, env: Mapping[str, str | None] = ()) -> Run:
        result = self.run(*args, at=at, env=env)
        assert result.code == 0, f"{' '.join(map(str, args))} failed:\n{result.text}"
        return result

    def run_process(
        self, *args: Any, at: str | None = None, env: Mapping[str, str | None] = ()
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(REPO / "build.py"), "--root", str(self.root), *map(str, args)],
            env=self.process_env(at, env),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def process_env(
        self, at: str | None = None, env: Mapping[str, str | None] = ()
    ) -> dict[str, str]:
        changes = dict(self.env)
        if at is not None:
            changes["SOURCE_DATE_EPOCH"] = str(epoch(at))
        changes.update(env)
        return process_env(changes)

    # -- keys --------------------------------------------------------------------------------

    def registry_keys(self) -> list[dict[str, str]]:
        import yaml

        text = (self.root / "keys.yaml").read_text(encoding="utf-8")
        data = yaml.load(text, Loader=yaml.BaseLoader)  # every value as written
        return list(data["keys"])

    def active_key_id(self) -> str:
        return next(k["id"] for k in self.registry_keys() if k["status"] == "active")

    def key_file(self, key_id: str | None = None) -> Path:
        """Where keygen put a key's secret by default."""
        return (
            self.config / "credsite" / "mc.example.org" / f"{key_id or self.active_key_id()}.json"
        )

    # -- issuing -----------------------------------------------------------------------------

    def write_csv(self, rows: Sequence[Sequence[str]] | str, name: str | None = None) -> Path:
        """A results CSV outside the site: a header and rows, or the exact text given."""
        self._csv_count += 1
        path = self.outside / (name or f"results-{self._csv_count}.csv")
        if isinstance(rows, str):
            path.write_text(rows, encoding="utf-8")
        else:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            path.write_text(buffer.getvalue(), encoding="utf-8")
        return path

    def issue(
        self,
        learners: Sequence[Sequence[str]] | Path,
        *args: Any,
        module: str = "test-module",
        at: str | None = ISSUED_AT,
        env: Mapping[str, str | None] = (),
    ) -> list[str]:
        """Issue to ``learners`` (rows after a name,email[,...] header, or a CSV file); returns
        the new credentials' tokens in CSV order. Each new credential must pass both schemas."""
        if isinstance(learners, Path):
            path = learners
        else:
            width = max(len(row) for row in learners)
            header = ["name", "email", "grade", "evidence_url", "narrative", "language"][:width]
            path = self.write_csv([header, *learners])
        before = self.tokens()
        result = self.ok(
            "issue",
            "--module",
            module,
            "--csv",
            path,
            "--jobs",
            "1",
            *(() if "--mail-merge" in args else ("--mail-merge", self.outside / "mail.csv")),
            *args,
            at=at,
            env=env,
        )
        tokens = [m.group(4) for m in map(_ISSUED_LINE.match, result.out.splitlines()) if m]
        assert set(tokens) == self.tokens() - before, result.out
        for token in tokens:
            assert_standard(self.credential(token), token)
        return tokens

    def credential_path(self, token: str) -> Path:
        return self.root / "content" / "credentials" / f"{token}.json"

    def credential(self, token: str) -> dict[str, Any]:
        return json.loads(self.credential_path(token).read_bytes())

    def tokens(self) -> set[str]:
        folder = self.root / "content" / "credentials"
        return {p.stem for p in folder.glob("*.json") if not p.name.startswith(".")}

    # -- building and verifying --------------------------------------------------------------

    def build(self, *args: Any, at: str | None = None) -> Path:
        self._build_count += 1
        out = self.builds / f"site-{self._build_count}"
        self.ok("build", "--out", out, "--jobs", "1", *args, at=at)
        return out

    def fetcher(self, out: Path) -> Fetcher:
        """This site's URLs answered from a build; nothing else (no network)."""
        return site_fetcher(out, BASE_URL)

    def verify(
        self, credential: str | Mapping[str, Any], out: Path, now: str = "2026-11-01T00:00:00Z"
    ) -> Report:
        document = self.credential(credential) if isinstance(credential, str) else credential
        moment = datetime.fromisoformat(now.replace("Z", "+00:00")).astimezone(UTC)
        return verify_credential(copy.deepcopy(dict(document)), self.fetcher(out), moment)
