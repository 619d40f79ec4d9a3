"""Builds the gettext catalogues (.po -> .mo) whenever the package is built or installed.

Everything else about the package is in pyproject.toml.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        for po in Path(__file__).parent.glob("companion/locales/*/LC_MESSAGES/*.po"):
            with po.open("rb") as source:
                catalogue = read_po(source)
            with po.with_suffix(".mo").open("wb") as target:
                write_mo(target, catalogue)
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
