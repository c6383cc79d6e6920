"""Tests that read the built blog in a real browser."""
