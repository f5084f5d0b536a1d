#!/usr/bin/env python3
"""credsite's command line: ``python build.py --help`` lists the commands."""

from credsite.commands.cli import main_entry

if __name__ == "__main__":
    main_entry(prog="python build.py")
