"""JOSE-secured credentials: a credential signed as a compact JWS rather than carrying a Data
Integrity proof.

Two forms are read: the Open Badges 3.0 VC-JWT of OB 3.0 §8.2 (``typ`` ``JWT`` or absent; the
payload is the credential with the JWT claims beside it, or, as VC 1.1 wrote it, the credential
in a ``vc`` claim) and the VC-JOSE-COSE ``vc+jwt`` (the payload is the credential). Both are
reported under the same check ids as a Data Integrity credential (``credsite.standards.verification``
holds the dispatch, ``verify_text``): the JOSE header is the proof-format check, the key comes
from the header's ``jwk`` or from its ``kid`` resolved as a verification method, and the JWT
claims must agree with the credential they travel with (signed-data).

An SD-JWT VC (``typ`` ``dc+sd-jwt`` or ``vc+sd-jwt``: a JWS, ``~``, its Disclosures) is the third
form, under the same check ids: ``sd_jwt`` (the format), ``sd_jwt_vc`` (the checks), ``sd_jwt_keys``
and ``issuer_metadata`` (the issuer's key), ``token_status`` (the IETF Token Status List).

The browser verifier's twin is ``browser/src/verifier/jose/``; both apply the same rules, name the
same faults, and are held to each other by ``tests/test_jose_agreement.py``.
"""
