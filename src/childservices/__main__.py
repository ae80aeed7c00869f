"""``python -m childservices``: the command line."""

from childservices.cli import main

raise SystemExit(main())
