"""``export``: an issued credential in another ecosystem's format, one subcommand per format.

Each format is one ``ExportFormat`` in ``FORMATS``: its name (the subcommand), its help, any
options of its own, and a function from the site's folder and the credential's reference to
the text to print. Every format takes ``ID`` and ``--out FILE`` (written atomically, so a
failed run leaves no half-written file). Adding a format is one entry here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from credsite.commands.common import Commands, add_key_file, site_root


@dataclass(frozen=True)
class ExportFormat:
    """One subcommand of ``export``. ``make`` gets the site's folder and the parsed arguments
    (``args.id`` is the credential's reference) and returns the text to print or write."""

    name: str
    help: str
    description: str
    make: Callable[[Path, argparse.Namespace], str]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None


def _elm(root: Path, args: argparse.Namespace) -> str:
    """The unsigned European Digital Credential (ELM v3) of one issued credential."""
    import json

    from credsite.base.errors import ConfigError, ContentError
    from credsite.build.badges import badge_facts, badge_png
    from credsite.catalogue.achievement import pick
    from credsite.catalogue.content import load_content
    from credsite.catalogue.elm import specification
    from credsite.catalogue.views import study_load
    from credsite.issuer.elm import european_digital_credential
    from credsite.issuer.operations import find_credential
    from credsite.issuer.store import CACHE_DIR, load_store

    result = load_content(root)
    errors = [d for d in result.diagnostics if d.is_error]
    if errors or result.content is None:
        raise ContentError(errors)
    site = result.content.site
    store, problems = load_store(root, root / CACHE_DIR)
    if problems:
        raise ContentError(problems)
    stored = find_credential(store, args.id)
    module = next((m for m in result.content.modules if m.slug == stored.module), None)
    if module is None or stored.language is None:
        raise ConfigError(
            f"{stored.path}: its module '{stored.module}' is not in content/modules; the ELM"
            " credential embeds the module's specification"
        )
    lang = stored.language if stored.language in site.languages else site.default_language
    png = badge_png(
        badge_facts(
            pick(module.title, site, lang),
            pick(site.institution.name, site, lang),
            study_load(module, lang)["text"],
            f"EQF {module.eqf_level}",
        )
    )
    credential = european_digital_credential(
        stored.document, specification(module, site), site, png
    )
    return json.dumps(credential, indent=2, ensure_ascii=False) + "\n"


def _sd_jwt(root: Path, args: argparse.Namespace) -> str:
    """The EU wallet's Learning Credential (SD-JWT VC) of one issued credential, signed."""
    from credsite.issuer.learning_credential import export_credential

    names = (args.given_name, args.family_name)
    return export_credential(root, args.id, names, args.key_file)


def _sd_jwt_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--given-name",
        metavar="TEXT",
        help="the learner's given name(s), with --family-name; together they must spell the name on the credential (default: the whole name is the family_name)",
    )
    parser.add_argument("--family-name", metavar="TEXT", help="the learner's family name")
    add_key_file(parser)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "elm",
        "an issued credential as an unsigned European Digital Credential (ELM v3)",
        "Turn an issued credential into an unsigned European Digital Credential (European"
        " Learning Model v3, JSON-LD) for Europass: the learner, the award and the module's"
        " specification. credsite does not seal it: Europass accepts it only after the"
        " institution has sealed it with its qualified eIDAS e-seal (docs/elm.md).",
        _elm,
    ),
    ExportFormat(
        "sd-jwt",
        "an issued credential as an EU wallet Learning Credential (SD-JWT VC)",
        "Sign an issued credential again as the EU Digital Identity Wallet's Learning"
        " Credential: an SD-JWT VC (vct urn:eu.europa.ec.eudi:learning:credential:1, EdDSA)"
        " whose key the build publishes in /.well-known/jwt-vc-issuer (a site under a path:"
        " its did.json). The learner's names, the grade and the module's details are"
        " selectively disclosable. It carries no status, so a revoked, suspended or taken-down"
        " credential is refused. Needs the signing key (docs/eu-wallet.md).",
        _sd_jwt,
        _sd_jwt_arguments,
    ),
)


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "export",
        help="export an issued credential in another format (ELM, ...)",
        description="Export an issued credential from content/credentials in another ecosystem's format. Prints it, or writes it with --out.",
    )
    formats = parser.add_subparsers(title="formats", metavar="FORMAT", required=True)
    for export_format in FORMATS:
        sub = formats.add_parser(
            export_format.name, help=export_format.help, description=export_format.description
        )
        sub.add_argument("id", metavar="ID", help="the credential's id, URL or token")
        sub.add_argument(
            "--out", type=Path, metavar="FILE", help="write it to FILE instead of printing it"
        )
        if export_format.add_arguments is not None:
            export_format.add_arguments(sub)
        sub.set_defaults(run=_runner(export_format))


def _runner(export_format: ExportFormat) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        text = export_format.make(site_root(args), args)
        if args.out is None:
            print(text, end="")
            return 0
        from credsite.base.atomic import write_atomically

        write_atomically(args.out, text)
        print(f"{export_format.name}: wrote {args.out}")
        return 0

    return run
