"""``python -m rnntm``: the same as the ``rnntm`` command."""

import sys

from .cli.command import main

sys.exit(main())
