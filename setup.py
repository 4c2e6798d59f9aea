"""Packaging glue that pyproject.toml cannot express alone.

The built-in levels live at the repo's top level (`levels/`, where authors find them) and are
installed as the package `calcquest.builtin_levels` (mapped in pyproject.toml). setuptools'
automatic discovery cannot name a package whose folder is mapped from elsewhere, so the
package list is the discovered `calcquest*` packages plus that one.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["calcquest", "calcquest.*"]), "calcquest.builtin_levels"])
