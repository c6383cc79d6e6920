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
.PHONY: help html livehtml test test-shared test-scenarios test-upstream lint post import bench audit linkcheck lock clean

help:  ## Liste les commandes.
	@grep --extended-regexp '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

# The pinned requirements, then the blog machinery (the sphinx_blog_fr package
# in this repository), editable: a change to it shows in the next build. pip
# builds it with the setuptools that pyproject.toml's [build-system] names.
$(VENV)/build.stamp: requirements/build.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --requirement requirements/build.txt
	$(PYTHON) -m pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/dev.stamp: requirements/dev.txt $(VENV)/build.stamp
	$(PYTHON) -m pip install --quiet --requirement requirements/dev.txt
	touch $@

# sphinx-blog-fr build is Sphinx's build, skipped when nothing has changed since the last one.
html: $(VENV)/build.stamp  ## Construit le site dans _build/html.
	$(VENV)/bin/sphinx-blog-fr build --builder html $(BUILDOPTS) $(SOURCEDIR) $(BUILDDIR)/html

livehtml: export LIVE_PREVIEW_PORT = $(value PORT)
livehtml: $(VENV)/dev.stamp  ## Sert le site sur http://127.0.0.1:8000 (ou PORT=…), le reconstruit à chaque enregistrement, affiche les erreurs dans la page.
	$(VENV)/bin/sphinx-blog-fr preview --port "$${LIVE_PREVIEW_PORT:-8000}" --warning-file $(BUILDDIR)/livehtml-errors.txt --builder html $(BUILDOPTS) --watch sphinx_blog_fr --watch _templates --watch _static $(SOURCEDIR) $(BUILDDIR)/html

linkcheck: $(VENV)/build.stamp  ## Vérifie chaque lien externe des articles (demande Internet).
	$(PYTHON) -m sphinx --builder linkcheck $(BUILDOPTS) $(SOURCEDIR) $(BUILDDIR)/linkcheck

# The page checkers the tests run (vnu.jar, axe-core), pinned in package-lock.json.
# --ignore-scripts: vnu-jar's install script would download a JDK; Debian's Java runs it.
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts
	touch $@

# make test needs nothing beside the clone: the tests over ../shared (the seed
# page, real WordPress exports) and the scenarios on copies of the repository
# are targets of their own, which .ci/run also runs (pyproject.toml's
# norecursedirs keeps them out of a plain pytest run).
test: $(VENV)/dev.stamp node_modules/.installed  ## Lance les tests (rien d’autre que le dépôt n’est nécessaire).
	$(PYTHON) -m pytest

test-shared: $(VENV)/dev.stamp node_modules/.installed  ## Lance les tests sur ../shared (la page d’origine, de vrais exports WordPress) ; échoue s’il manque.
	$(PYTHON) -m pytest tests/shared

test-scenarios: $(VENV)/dev.stamp node_modules/.installed  ## Lance les tests du site sur des copies du dépôt : un article ajouté, 25 articles ajoutés, une bifurcation.
	$(PYTHON) -m pytest tests/scenarios

# The sizes of the synthetic blogs, the runs of each build, and the generators
# (GENERATORS="blog pelican" leaves out the slow stock site): make bench N="100 1000" RUNS=3
N             ?= 100 1000 3000
RUNS          ?= 3
GENERATORS    ?= blog stock pelican

bench: $(VENV)/dev.stamp  ## Chronomètre les constructions complètes et incrémentales face à ABlog et Pelican : make bench [N="100 1000"] [GENERATORS="blog pelican"]
	$(VENV)/bin/sphinx-blog-fr bench --posts $(N) --runs $(RUNS) --generators $(GENERATORS)

audit: html $(VENV)/dev.stamp  ## Affiche, par type de page, les requêtes, le poids, la plus grande image et la lecture sans JavaScript.
	$(VENV)/bin/sphinx-blog-fr audit --site $(BUILDDIR)/html

# The author's text reaches the command verbatim, whatever quotes, guillemets
# or $ it holds: $(value …) stops make expanding it, "$$…" stops the shell.
# Make would also hand these variables, expanded, to every command's
# environment (running any $(shell …) they hold): unexport stops that.
unexport TITLE TAGS CATEGORY WXR UPLOADS FORCE CATEGORY_BASE TAG_BASE PORT
post: export NEW_POST_TITLE = $(value TITLE)
post: export NEW_POST_TAGS = $(value TAGS)
post: export NEW_POST_CATEGORY = $(value CATEGORY)
post: $(VENV)/build.stamp  ## Crée un article : make post TITLE="…" [TAGS="a, b"] [CATEGORY="…"]
	@$(VENV)/bin/sphinx-blog-fr post --title="$$NEW_POST_TITLE" --tags="$$NEW_POST_TAGS" --category="$$NEW_POST_CATEGORY"

import: export IMPORT_WXR = $(value WXR)
import: export IMPORT_UPLOADS = $(value UPLOADS)
import: export IMPORT_FORCE = $(value FORCE)
import: export IMPORT_CATEGORY_BASE = $(value CATEGORY_BASE)
import: export IMPORT_TAG_BASE = $(value TAG_BASE)
import: $(VENV)/dev.stamp  ## Importe un export WordPress : make import WXR=export.xml [UPLOADS=wp-content/uploads] [FORCE=1] [CATEGORY_BASE=rubrique] [TAG_BASE=mot-cle]
	@test -n "$$IMPORT_WXR" || { echo "Utilisation : make import WXR=export.xml [UPLOADS=wp-content/uploads] [FORCE=1] [CATEGORY_BASE=rubrique] [TAG_BASE=mot-cle]" >&2; exit 2; }
	@$(VENV)/bin/sphinx-blog-fr import $${IMPORT_UPLOADS:+--uploads="$$IMPORT_UPLOADS"} $${IMPORT_FORCE:+--force} \
		$${IMPORT_CATEGORY_BASE:+--category-base="$$IMPORT_CATEGORY_BASE"} $${IMPORT_TAG_BASE:+--tag-base="$$IMPORT_TAG_BASE"} \
		-- "$$IMPORT_WXR"

# The Python code's lint and format rules live in pyproject.toml ([tool.ruff]).
lint: $(VENV)/dev.stamp  ## Vérifie le code Python avec Ruff (règles et mise en forme).
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The pins stay as they are: a separate venv gets the newest releases.
test-upstream: node_modules/.installed  ## Lance les tests avec les dernières versions de Sphinx, ABlog, Furo, MyST-Parser, docutils [MAIN=1 : leurs branches principales]
	python3 -m sphinx_blog_fr.commands.upstream $(if $(MAIN),--main)

lock: $(VENV)/dev.stamp  ## Fixe à nouveau les versions de requirements/*.txt d’après requirements/*.in.
	$(PYTHON) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements/build.txt requirements/build.in
	$(PYTHON) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements/dev.txt requirements/dev.in

clean:  ## Supprime le site construit.
	rm -rf $(BUILDDIR)
