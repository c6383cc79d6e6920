"""Import a WordPress export: ``sphinx-blog-fr import EXPORT.xml [--uploads DIR] [--force]
[--category-base PREFIX] [--tag-base PREFIX]``.

Reads the WXR file, converts every published post and page to MyST, keeps
drafts aside, writes the redirects of the old addresses, and prints a report.
A file that is not a readable export, or an import that would replace a file
the author edited, stops the command with a message and a non-zero status,
and nothing is written. Messages are in French, for the author; file names
are printed exactly as given (``make import`` passes them through untouched).
"""

import argparse
import sys
from pathlib import Path, PurePosixPath

from sphinx_blog_fr._settings import load_settings
from sphinx_blog_fr.wordpress.importer import (
    BlogSettings,
    Conflict,
    SlugCollision,
    apply_plan,
    comments_already_imported,
    plan_import,
)
from sphinx_blog_fr.wordpress.redirects import TermBases, is_term_base
from sphinx_blog_fr.wordpress.wxr import WxrError, read_export


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line; ``--help`` describes it in French."""
    parser = argparse.ArgumentParser(
        prog="sphinx-blog-fr import",
        description=(
            "Importe un export WordPress (WXR) : articles publiés dans posts/<année>/, pages dans pages/, "
            "brouillons dans drafts/, redirections des anciennes adresses dans redirects.json."
        ),
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")
    parser.add_argument("export", type=Path, metavar="EXPORT.xml", help="le fichier exporté depuis Outils → Exporter")
    parser.add_argument(
        "--uploads",
        type=Path,
        metavar="DOSSIER",
        help="copie de wp-content/uploads : les images trouvées sont copiées à côté de leur article",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        metavar="DOSSIER",
        help="racine du blog, où se trouve conf.py (par défaut : le dossier courant)",
    )
    parser.add_argument(
        "--output-dir",
        default="posts",
        metavar="DOSSIER",
        help="dossier des articles, relatif à la racine (par défaut : posts)",
    )
    parser.add_argument(
        "--force", action="store_true", help="remplace aussi les fichiers modifiés depuis le dernier import"
    )
    defaults = TermBases()
    for option, default, kind in (
        ("--category-base", defaults.category, "catégories"),
        ("--tag-base", defaults.tag, "étiquettes"),
    ):
        parser.add_argument(
            option,
            default=default,
            metavar="PRÉFIXE",
            help=f"préfixe des adresses des {kind} de l’ancien blog (Réglages → Permaliens ; par défaut : {default})",
        )
    return parser.parse_args(argv)


def _argument_refusal(arguments: argparse.Namespace) -> str:
    """What is wrong with the command line, or ``""``."""
    if not arguments.export.is_file():
        return f"le fichier d’export {arguments.export} n’existe pas."
    if arguments.uploads is not None and not arguments.uploads.is_dir():
        return f"le dossier d’images {arguments.uploads} n’existe pas."
    output = PurePosixPath(arguments.output_dir)
    if output.is_absolute() or ".." in output.parts or "\\" in arguments.output_dir or not output.parts:
        return f"le dossier des articles {arguments.output_dir} doit être un dossier du blog (chemin relatif, sans « .. »)."
    for base in (arguments.category_base, arguments.tag_base):
        if not is_term_base(base):
            return f"le préfixe « {base} » doit être fait de minuscules, chiffres, « - » et « _ » (ex. : rubrique)."
    return ""


def main(argv: list[str] | None = None) -> int:
    """Run the import; return the exit status."""
    arguments = parse_arguments(argv)
    refusal = _argument_refusal(arguments)
    if refusal:
        print(f"Erreur : {refusal}", file=sys.stderr)
        return 2
    try:
        export = read_export(arguments.export)
    except OSError:
        print(f"Erreur : impossible de lire le fichier d’export {arguments.export}.", file=sys.stderr)
        return 1
    except WxrError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    settings = BlogSettings.from_conf(load_settings(arguments.root))
    earlier_comments = comments_already_imported(arguments.root)
    bases = TermBases(arguments.category_base, arguments.tag_base)
    plan = plan_import(export, settings, arguments.uploads, arguments.output_dir, earlier_comments, bases)
    try:
        apply_plan(plan, arguments.root, arguments.force)
    except Conflict as conflict:
        print(
            "Import refusé : ces fichiers ont été modifiés depuis le dernier import (ou écrits à la main) :",
            file=sys.stderr,
        )
        print("\n".join(f"  {path}" for path in conflict.paths), file=sys.stderr)
        print("Rien n’a été écrit. Relancez avec --force pour les remplacer.", file=sys.stderr)
        return 1
    except SlugCollision as collision:
        print("Import refusé : ces articles importés ont le nom de fichier d’un article existant", file=sys.stderr)
        print(
            "(le nom de fichier d’un article est unique sur tout le blog, quelle que soit l’année) :", file=sys.stderr
        )
        print("\n".join(f"  {new} ↔ {old}" for new, old in collision.pairs), file=sys.stderr)
        print("Rien n’a été écrit. Renommez ou supprimez l’article existant, puis relancez.", file=sys.stderr)
        return 1
    print(plan.report.render(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
