#!/usr/bin/env python3
"""Regenerate the example site's issued credentials with a fresh, throwaway key.

Replaces keys.yaml, content/credentials/ and content/status/ of the example site with about 20
credentials for its modules: one with a grade, one revoked, one suspended, one expired and one
whose public page was taken down. The secret key is made in a temporary folder and deleted at
the end, so it is never committed and nobody can issue more with it.

Usage: python scripts/make-example-credentials.py [--root DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Fictional learners (name, e-mail, language); e-mail addresses use the reserved example domain.
LEARNERS = [
    ("Anouk de Vries", "anouk.devries@example.org", "nl"),
    ("Bram Jansen", "bram.jansen@example.org", "nl"),
    ("Chaima El Amrani", "chaima.elamrani@example.org", "nl"),
    ("Daan van den Berg", "daan.vandenberg@example.org", "en"),
    ("Esra Yılmaz", "esra.yilmaz@example.org", "nl"),
    ("Femke Bakker", "femke.bakker@example.org", "nl"),
    ("Gijs Visser", "gijs.visser@example.org", "en"),
    ("Hanna Smit", "hanna.smit@example.org", "nl"),
    ("Imane Bouzid", "imane.bouzid@example.org", "nl"),
    ("Joris Meijer", "joris.meijer@example.org", "en"),
    ("Kim de Boer", "kim.deboer@example.org", "nl"),
    ("Lars Mulder", "lars.mulder@example.org", "nl"),
    ("Maria Papadopoulou", "maria.papadopoulou@example.org", "en"),
    ("Noah de Groot", "noah.degroot@example.org", "nl"),
    ("Olga Kowalska", "olga.kowalska@example.org", "en"),
    ("Pieter Bos", "pieter.bos@example.org", "nl"),
    ("Quinten Vos", "quinten.vos@example.org", "nl"),
    ("Roos Peters", "roos.peters@example.org", "nl"),
    ("Sem Hendriks", "sem.hendriks@example.org", "nl"),
    ("Tess van Leeuwen", "tess.vanleeuwen@example.org", "en"),
]

# (module, learners by index, grade per learner or None, award date or None for today)
BATCHES = [
    ("interview-techniques-nursing", [0, 1, 2, 3], None, "2026-04-15"),
    ("clinical-reasoning-complex-care", [0, 4, 5], ["8", "7,5", "9"], "2026-07-01"),
    ("it-programming-fundamentals", [6, 7, 8, 9], None, "2026-06-20"),
    ("value-case-business-cases", [10, 11], None, "2026-10-02"),
    ("computer-science-secure-software", [12, 14], None, "2026-09-30"),
    ("business-administration-finance", [15, 16], None, "2026-05-12"),
    ("management-in-care", [17, 18], None, "2020-09-01"),  # valid 5 years: expired in 2025
    ("data-driven-care-improvement", [19], ["8,5"], "2026-11-02"),
]


def run(*args: str, env: dict[str, str], root: Path) -> str:
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--root", type=Path, default=REPO, help="the site's folder (default: the example site)"
    )
    root = parser.parse_args().root.resolve()
    for relative in ("keys.yaml", "content/credentials", "content/status"):
        target = root / relative
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    with tempfile.TemporaryDirectory(prefix="credsite-example-key-") as secret_dir:
        env = dict(os.environ, XDG_CONFIG_HOME=secret_dir)
        env.pop("CREDSITE_SIGNING_KEY", None)
        run("keygen", env=env, root=root)
        issued: dict[str, list[str]] = {}
        for module, learners, grades, day in BATCHES:
            csv_path = Path(secret_dir) / f"{module}.csv"
            lines = ["name,email,grade,language"]
            for position, index in enumerate(learners):
                name, email, lang = LEARNERS[index]
                grade = grades[position] if grades else ""
                lines.append(f'"{name}",{email},"{grade}",{lang}')
            csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            args = [
                "issue",
                "--module",
                module,
                "--csv",
                str(csv_path),
                "--mail-merge",
                str(Path(secret_dir) / f"{module}.mail.csv"),
            ]
            if day:
                args += ["--date", day]
            output = run(*args, env=env, root=root)
            issued[module] = [
                line.rsplit("/c/", 1)[1].rstrip("/")
                for line in output.splitlines()
                if "/c/" in line and "issued to" in line
            ]
        run(
            "revoke",
            issued["interview-techniques-nursing"][3],
            "--reason",
            "Example: the assessment was found to be fraudulent.",
            env=env,
            root=root,
        )
        run(
            "suspend",
            issued["it-programming-fundamentals"][3],
            "--reason",
            "Example: an appeal is under review.",
            env=env,
            root=root,
        )
        run(
            "unpublish",
            issued["value-case-business-cases"][1],
            "--note",
            "Example: the learner asked for the page to be taken down.",
            env=env,
            root=root,
        )
    total = sum(len(tokens) for tokens in issued.values())
    print(
        f"issued {total} example credentials; the key used is gone. Build with: python build.py build"
    )


if __name__ == "__main__":
    main()
