"""credsite: a static-site generator for micro-credentials.

The package is layered; each subpackage's docstring says what it holds and, on its
``May import:`` line, which other layers it may use (tests/test_layers.py keeps that true):

- ``base``: errors, safe reading of YAML and JSON with line numbers and limits, atomic writes,
  worker processes, the clock, the site's URL scheme;
- ``standards``: the W3C and 1EdTech standards — JSON-LD, multibase, cryptosuites and proofs,
  status lists, baked badges, verifying any credential;
- ``catalogue``: module sources to a validated model to per-language page data;
- ``issuer``: keys, the credential model, the store of issued credentials, revocation, issuing;
- ``build``: plan, render and write the site, incrementally, with the browser bundles;
- ``commands``: one module per command of the command line.
"""

__version__ = "0.1.0"
