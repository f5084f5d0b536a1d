"""The ground floor every layer stands on: the project's exception classes and diagnostics,
reading YAML and JSON with line numbers and every input limit, atomic file writes, reading and
making files that hold a secret (0600, refused when others can read them), worker
processes that die with the build, the clock (``SOURCE_DATE_EPOCH``) and the site's URL scheme.
Nothing here knows about credentials' meaning, modules or pages.

May import: nothing else of credsite.
"""
