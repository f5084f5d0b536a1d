"""The command line: the parser in ``cli``, and one module per command that reads its
arguments, calls the layers below and prints the result. Errors reach the user as one line and
exit code 1, never as a traceback.

May import: credsite.base, credsite.standards, credsite.catalogue, credsite.issuer,
credsite.build.
"""
