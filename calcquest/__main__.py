"""Allow `python -m calcquest`."""

from calcquest.cli import main

raise SystemExit(main())
