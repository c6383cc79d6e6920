"""One module per feature of the machinery, each on its own tiny test root (tests/roots/), built in process."""
