"""`python -m ntm_plan` runs the command line."""

from .cli import main

raise SystemExit(main())
