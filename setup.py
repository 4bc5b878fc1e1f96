"""Packaging that pyproject.toml cannot say: the top-level rules/ folder ships inside the wheel.

The built-in rules live at the top of the repository (rules/, beside each rule its fixtures);
an installed wheel carries them as the package data `scanner._rules`, so a plain
`pip install .` (what pre-commit does) finds them too.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["scanner", "scanner.*"]), "scanner._rules"],
    package_dir={"scanner._rules": "rules"},
    package_data={
        "scanner": ["mappings/**/*.yaml", "iam/data/*.json", "py.typed"],
        "scanner._rules": ["**/*"],
    },
)
