"""The command line: the parser in ``cli``, and one module per command that reads its
arguments, calls the layers below and prints the result. Errors reach the user as one line and
exit code 1, never as a traceback.

Every command module has the same interface: ``add_parser(commands) -> None`` adds the
command's subparser (or, for a family such as revoke/suspend/reinstate, its subparsers) to
``commands``, the top-level subparsers ``cli`` makes, and sets ``run``: a function that takes
the parsed ``argparse.Namespace`` and returns the exit code. ``cli.COMMANDS`` lists the modules
in the order ``--help`` shows them. What several commands share is in ``common``. Every run
builds every command's parser, so a module keeps the slow imports only its command needs
(livereload, signing, verification) inside the functions that use them.

May import: credsite.base, credsite.standards, credsite.catalogue, credsite.issuer,
credsite.build.
"""
