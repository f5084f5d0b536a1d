"""``python -m credsite``: the same command line as the installed ``credsite`` command, for
when the console script is not on PATH (a virtual environment that is not activated)."""

from credsite.commands.cli import main_entry

if __name__ == "__main__":
    main_entry()
