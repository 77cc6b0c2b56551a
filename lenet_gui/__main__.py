"""``python -m lenet_gui`` behaves exactly like the ``lenet-gui`` command."""

import sys

from lenet_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
