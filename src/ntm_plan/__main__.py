"""`python -m ntm_plan` runs the command line."""

from ntm_plan.cli import main

raise SystemExit(main())
