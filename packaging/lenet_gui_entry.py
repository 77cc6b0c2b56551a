"""The frozen app's entry point: the same ``main()`` as the ``lenet-gui`` console script."""

import multiprocessing
import sys

from lenet_gui.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless unless something starts a worker process
    sys.exit(main())
