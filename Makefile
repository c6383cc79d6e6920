# The blog's command line: `make help` lists the targets.
# Every target bootstraps .venv/ from the pinned requirements on first use.

# Warnings are errors, and a build reports all of them before failing,
# exactly like CI, Read the Docs and GitHub Pages.
SPHINXOPTS    ?= --fail-on-warning --keep-going --nitpicky
SOURCEDIR     := .
BUILDDIR      := _build
# Doctrees live beside the output, never inside what gets published.
# O adds options for one run, as in Sphinx's own Makefile: make html O=--jobs=auto
BUILDOPTS      = --doctree-dir $(BUILDDIR)/doctrees $(SPHINXOPTS) $(O)
VENV          := .venv
PYTHON        := $(VENV)/bin/python

.DEFAULT_GOAL := help
.PHONY: help html livehtml test post import bench audit linkcheck lock clean

help:  ## List the targets.
	@grep --extended-regexp '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/build.stamp: requirements/build.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --requirement requirements/build.txt
	touch $@

$(VENV)/dev.stamp: requirements/dev.txt $(VENV)/build.stamp
	$(PYTHON) -m pip install --quiet --requirement requirements/dev.txt
	touch $@

html: $(VENV)/build.stamp  ## Build the site into _build/html.
	$(PYTHON) -m sphinx --builder html $(BUILDOPTS) $(SOURCEDIR) $(BUILDDIR)/html

livehtml: $(VENV)/dev.stamp  ## Serve the site on http://127.0.0.1:8000 and rebuild on save.
	$(VENV)/bin/sphinx-autobuild $(BUILDOPTS) --watch _ext --watch _templates --watch _static --watch locales $(SOURCEDIR) $(BUILDDIR)/html

linkcheck: $(VENV)/build.stamp  ## Check every external link of the posts (needs the internet).
	$(PYTHON) -m sphinx --builder linkcheck $(BUILDOPTS) $(SOURCEDIR) $(BUILDDIR)/linkcheck

# The page checkers the tests run (vnu.jar, axe-core), pinned in package-lock.json.
# --ignore-scripts: vnu-jar's install script would download a JDK; Debian's Java runs it.
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts
	touch $@

test: $(VENV)/dev.stamp node_modules/.installed  ## Run the whole test suite.
	$(PYTHON) -m pytest

# The sizes of the synthetic blogs, and the runs of each build: make bench N="100 1000" RUNS=3
N             ?= 100 1000 3000
RUNS          ?= 3

bench: $(VENV)/dev.stamp  ## Time clean and incremental builds against stock ABlog and Pelican: make bench [N="100 1000"]
	$(PYTHON) -m blogtools.benchmark --posts $(N) --runs $(RUNS)

audit: html $(VENV)/dev.stamp  ## Print each page type's requests, weight, largest image and no-JavaScript reading.
	$(PYTHON) -m blogtools.audit --site $(BUILDDIR)/html

# The author's text reaches the command verbatim, whatever quotes, guillemets
# or $ it holds: $(value …) stops make expanding it, "$$…" stops the shell.
post: export NEW_POST_TITLE = $(value TITLE)
post: export NEW_POST_TAGS = $(value TAGS)
post: export NEW_POST_CATEGORY = $(value CATEGORY)
post: $(VENV)/build.stamp  ## Create a new post: make post TITLE="…" [TAGS="a, b"] [CATEGORY="…"]
	@$(PYTHON) -m blogtools.new_post --title="$$NEW_POST_TITLE" --tags="$$NEW_POST_TAGS" --category="$$NEW_POST_CATEGORY"

import: $(VENV)/dev.stamp  ## Import a WordPress export: make import WXR=export.xml [UPLOADS=wp-content/uploads] [FORCE=1]
	@test -n "$(WXR)" || { echo "Usage: make import WXR=export.xml [UPLOADS=wp-content/uploads] [FORCE=1]" >&2; exit 2; }
	$(PYTHON) -m blogtools.wordpress "$(WXR)" $(if $(UPLOADS),--uploads "$(UPLOADS)") $(if $(FORCE),--force)

lock: $(VENV)/dev.stamp  ## Re-pin requirements/*.txt from requirements/*.in.
	$(PYTHON) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements/build.txt requirements/build.in
	$(PYTHON) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements/dev.txt requirements/dev.in

clean:  ## Remove the build output.
	rm -rf $(BUILDDIR)
