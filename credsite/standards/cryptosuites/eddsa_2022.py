"""eddsa-2022: the name eddsa-rdfc-2022 had in the drafts of VC-DI-EdDSA before 2023, still found
on credentials issued then (the 1EdTech validator's examples carry it).

The algorithm is eddsa-rdfc-2022's; the suite says so (``legacy_of``), so that the verifier
checks such a proof and warns that its name is outdated. Registered last: a signer names it only
to make such credentials for tests.
"""

from __future__ import annotations

import dataclasses

from credsite.standards.cryptosuites import eddsa_rdfc_2022

SUITE = dataclasses.replace(
    eddsa_rdfc_2022.SUITE, name="eddsa-2022", legacy_of=eddsa_rdfc_2022.SUITE.name
)
