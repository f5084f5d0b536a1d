"""The catalogue: ``site.yaml`` and the module and track sources in ``content/``, read and
validated into an immutable model (every problem collected with file and line), the
vocabularies and labels in both languages, a module as an Open Badges Achievement, and the
per-language data each page shows. No signing, no files written.

May import: credsite.base.
"""
