"""hookmigrate: move MMCV 1.x training configs to MMEngine, and prove each move.

This package only carries the `hookmigrate` command (a native binary installed beside Python's own
scripts). `binary()` finds it; `python -m hookmigrate ARGS` runs it.
"""
import os
import shutil
import sysconfig


def binary():
    """The path of the installed `hookmigrate` binary."""
    candidate = os.path.join(sysconfig.get_path("scripts"), "hookmigrate")
    if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which("hookmigrate")
    if found is None:
        raise FileNotFoundError("the hookmigrate binary is not installed beside this package")
    return found
