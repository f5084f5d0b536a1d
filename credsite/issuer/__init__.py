"""The issuer: its keys (``keys.yaml`` and the secret key outside the repository), the
credential model, the store of issued credentials in ``content/credentials``, revocation and
suspension (``content/status``), issuing from a results CSV, and the operations behind each
staff command. The only layer that signs; it writes the content repository, never the site.

May import: credsite.base, credsite.standards, credsite.catalogue.
"""
