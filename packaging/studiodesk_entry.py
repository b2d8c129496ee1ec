"""The bundle's program (packaging/studiodesk.spec): the same ``studiodesk`` as the installed one."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
