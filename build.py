#!/usr/bin/env python3
"""credsite's command line: ``python build.py --help`` lists the commands."""

import sys

from credsite.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
