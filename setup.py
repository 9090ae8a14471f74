# Scrapyd's deploy tool (scrapyd-deploy) builds its egg with `setup.py
# bdist_egg`; everything else about the package is in pyproject.toml.
from setuptools import setup

setup()
