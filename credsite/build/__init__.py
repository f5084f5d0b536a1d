"""The build: from the model and the issued credentials to the site on disk. Plan every output
file (catalogue pages, credential pages and files, status lists, DID document, badges), render
each with its fingerprint, bundle the browser code, and write atomically and incrementally,
carrying the credential half over from the last build when its inputs did not change.

May import: credsite.base, credsite.standards, credsite.catalogue, credsite.issuer.
"""
