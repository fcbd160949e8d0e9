"""`python -m hookmigrate ARGS`: runs the hookmigrate binary with ARGS."""
import os
import sys

from hookmigrate import binary


def main():
    path = binary()
    os.execv(path, [path] + sys.argv[1:])


if __name__ == "__main__":
    main()
