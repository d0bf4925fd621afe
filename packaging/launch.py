"""The app's entry point: the same ``alliance-sim`` command the wheel installs."""

from sim.cli import main

raise SystemExit(main())
