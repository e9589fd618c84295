"""`python -m ntm_plan` runs the command line."""

from ntm_plan.launch import main

raise SystemExit(main())
