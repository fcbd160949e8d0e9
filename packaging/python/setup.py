"""Packs the prebuilt static `hookmigrate` binary into a platform wheel.

The binary is installed as a script, so `pip install hookmigrate-*.whl` puts the `hookmigrate` command
on PATH with no Python in between; the small `hookmigrate` package adds `python -m hookmigrate`.
scripts/build-wheel.sh provides the binary and the version (HOOKMIGRATE_VERSION) and retags the
result for the glibc the binary needs.
"""
import os

from setuptools import setup
from distutils.command.build_scripts import build_scripts  # setuptools provides distutils
from setuptools.dist import Distribution


class BinaryDistribution(Distribution):
    """A wheel with a native binary: platform-specific, not pure Python."""

    def has_ext_modules(self):
        return True


class CopyBinaryScripts(build_scripts):
    """Copies the scripts as they are: the one script is a native binary, not Python source to rewrite."""

    def copy_scripts(self):
        self.mkpath(self.build_dir)
        outfiles = []
        for script in self.scripts:
            target = os.path.join(self.build_dir, os.path.basename(script))
            self.copy_file(script, target)
            os.chmod(target, 0o755)
            outfiles.append(target)
        return outfiles, outfiles


HERE = os.path.dirname(os.path.abspath(__file__))

setup(
    name="hookmigrate",
    version=os.environ["HOOKMIGRATE_VERSION"],
    description="Move MMCV 1.x training configs to MMEngine, and prove each move.",
    long_description=open(os.path.join(HERE, "README.md"), encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    packages=["hookmigrate"],
    scripts=["build/scripts-bin/hookmigrate"],
    python_requires=">=3.7",
    distclass=BinaryDistribution,
    cmdclass={"build_scripts": CopyBinaryScripts},
    classifiers=[
        "License :: OSI Approved :: Apache Software License",
        "Operating System :: POSIX :: Linux",
        "Environment :: Console",
    ],
)
