"""What the blog's tests check of its accessibility: the one list the statement and the tests read.

``blog_accessibility`` writes the « Accessibilité » page from it; the
browser tests run axe-core with :data:`AXE_TAGS` on each page type of
:data:`PAGE_TYPES`, in each of :data:`THEMES`, and
tests/test_accessibility_statement.py checks that this list and the
statement agree with them, and that :data:`AXE_CRITERIA` are exactly the
success criteria axe-core's rules for those tags test.
"""

from __future__ import annotations

#: The kinds of page a blog has, in the order the audit (``make audit``) reports them and the browser tests run.
PAGE_TYPES = (
    "home",
    "post",
    "tag",
    "category",
    "author",
    "year",
    "month",
    "all-posts",
    "tags-index",
    "archive-index",
    "search",
    "404",
    "subscribe",
    "accessibility",
)

#: The axe-core tags the browser tests run (tests/browser/test_page_types.py): WCAG 2.1, levels A and AA.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

#: The WCAG 2.1 success criteria that axe-core's rules for AXE_TAGS test automatically (deprecated and
#: experimental rules, which axe does not run by default, left out):
#: axe's tag, then the criterion's number, French name (the W3C's authorised translation) and level.
AXE_CRITERIA = {
    "wcag111": ("1.1.1", "Contenu non textuel", "A"),
    "wcag122": ("1.2.2", "Sous-titres (pré-enregistrés)", "A"),
    "wcag131": ("1.3.1", "Information et relations", "A"),
    "wcag135": ("1.3.5", "Identifier la finalité des champs de formulaire", "AA"),
    "wcag141": ("1.4.1", "Utilisation de la couleur", "A"),
    "wcag142": ("1.4.2", "Contrôle du son", "A"),
    "wcag143": ("1.4.3", "Contraste (minimum)", "AA"),
    "wcag144": ("1.4.4", "Redimensionnement du texte", "AA"),
    "wcag1412": ("1.4.12", "Espacement du texte", "AA"),
    "wcag211": ("2.1.1", "Clavier", "A"),
    "wcag213": ("2.1.3", "Clavier (pas d’exception)", "AAA"),
    "wcag221": ("2.2.1", "Réglage du délai", "A"),
    "wcag222": ("2.2.2", "Mettre en pause, arrêter, masquer", "A"),
    "wcag241": ("2.4.1", "Contourner des blocs", "A"),
    "wcag242": ("2.4.2", "Titre de page", "A"),
    "wcag244": ("2.4.4", "Fonction du lien (selon le contexte)", "A"),
    "wcag253": ("2.5.3", "Étiquette dans le nom", "A"),
    "wcag311": ("3.1.1", "Langue de la page", "A"),
    "wcag312": ("3.1.2", "Langue d’un passage", "AA"),
    "wcag332": ("3.3.2", "Étiquettes ou instructions", "A"),
    "wcag412": ("4.1.2", "Nom, rôle et valeur", "A"),
}

#: The criterion the W3C Nu checker tests on every page (tests/site_checks/test_html_checker.py).
VALIDATOR_CRITERION = ("4.1.1", "Analyse syntaxique", "A")

#: The themes in which axe-core runs on each page type.
THEMES = {"light": "clair", "dark": "sombre"}

#: The French name of each page type of PAGE_TYPES.
PAGE_TYPE_NAMES = {
    "home": "la page d’accueil",
    "post": "un article",
    "tag": "la liste des articles d’une étiquette",
    "category": "la liste des articles d’une catégorie",
    "author": "la liste des articles d’un auteur",
    "year": "les archives d’une année",
    "month": "les archives d’un mois",
    "all-posts": "la liste de tous les articles",
    "tags-index": "l’index des étiquettes",
    "archive-index": "l’index des archives",
    "search": "la page de recherche et ses résultats",
    "404": "la page d’erreur 404",
    "subscribe": "la page « S’abonner »",
    "accessibility": "cette déclaration d’accessibilité",
}

#: The viewports of the browser tests (tests/browser/conftest.py).
VIEWPORTS = {"desktop": ("un ordinateur", 1280, 800), "phone": ("un téléphone", 375, 812)}

#: What the keyboard and reading tests of tests/browser/test_reading.py check, on a computer and a phone.
KEYBOARD_JOURNEYS = (
    "la touche Tab atteint chaque lien visible d’un article, et chaque élément qui a le focus le montre ;",
    "sur un téléphone, le menu de navigation s’ouvre au clavier (Tab, puis Espace) ;",
    "un lecteur va de la page d’accueil à un article, à l’une de ses étiquettes et à son année ;",
    "le thème clair ou sombre choisi avec le bouton reste le même quand la page est rechargée.",
)

#: What the statement says is not accessible, or not checked (the known limits).
KNOWN_LIMITS = (
    "Sur un téléphone, le menu de navigation du thème Furo ne retient pas le focus : au clavier, "
    "la touche Tab peut sortir du menu ouvert vers la page qu’il recouvre (Furo, demande de fusion n° 660).",
    "La recherche demande JavaScript ; sans JavaScript, les listes par étiquette, par catégorie et par date "
    "restent utilisables.",
    "Les images des articles n’ont d’alternative textuelle que celle que l’auteur leur donne ; les tests "
    "ne jugent pas de sa pertinence.",
    "Les contenus importés d’un ancien blog WordPress (vidéos, tableaux, documents joints) n’ont pas été "
    "revus un par un.",
    "Les tests automatiques ne couvrent qu’une partie des critères du RGAA ; aucun audit complet n’a été réalisé.",
)
