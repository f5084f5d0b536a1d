"""credsite: a static-site generator for micro-credentials.

One module per pipeline stage: ``config`` and ``content`` load and validate the sources,
``achievement`` and ``credential`` build the Open Badges 3.0 model, ``jsonld``, ``proofs`` and
``keys`` canonicalize, sign and verify, ``statuslist`` handles revocation, ``render`` turns the
model into pages, ``writer`` puts them on disk atomically, ``serve`` previews with live reload and
``cli`` ties them to the command line.
"""

__version__ = "0.1.0"
