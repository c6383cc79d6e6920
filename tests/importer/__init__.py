"""Tests of the WordPress importer (blogtools.wordpress); a package so its conftest does not shadow tests/conftest.py."""
