"""Create a new post: ``make post TITLE="…" [TAGS="a, b"] [CATEGORY="…"]``.

The author gives a title; the command writes ``posts/<year>/<slug>.md`` with
the front matter ABlog reads (today's date in the blog's time zone, whatever
the machine's, the default author and the language, all taken from conf.py)
and the title as the page heading, then prints the file's path.

The slug is the post's address, so the command refuses a title whose slug an
existing post already has, in any year, and never overwrites a file. The
front matter is checked by the build's own reader against the post schema
(``sphinx_blog_fr._post_file``, ``sphinx_blog_fr._schema``) before the file is
written, so the command never writes a post whose front matter the build
refuses. Every message is in French, for the author.
"""

import argparse
import sys
import unicodedata
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from sphinx_blog_fr._post_file import read_front_matter
from sphinx_blog_fr._schema import FrontMatterError
from sphinx_blog_fr._settings import load_settings
from sphinx_blog_fr._slugs import MAX_SLUG_LENGTH, slugify
from sphinx_blog_fr.commands._site import blog_root


class Refusal(Exception):
    """Why the post was not written, worded for the author."""


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line; ``--help`` describes it in French."""
    parser = argparse.ArgumentParser(
        prog="sphinx-blog-fr post",
        description="Crée posts/<année>/<slug>.md, prêt à écrire, et affiche son chemin.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")
    parser.add_argument("--title", required=True, metavar="TITRE", help="titre de l’article, tel qu’il sera affiché")
    parser.add_argument(
        "--tags",
        default="",
        metavar="ÉTIQUETTES",
        help="étiquettes séparées par des virgules (design, action publique)",
    )
    parser.add_argument(
        "--category", default="", metavar="CATÉGORIE", help="catégorie (plusieurs : séparées par des virgules)"
    )
    parser.add_argument(
        "--posts-dir",
        type=Path,
        metavar="DOSSIER",
        default=blog_root() / "posts",
        help="dossier des articles (par défaut : posts/ du dépôt)",
    )
    return parser.parse_args(argv)


def one_line(text: str) -> str:
    """Return *text* with every run of white space, line breaks included, made one space; refuse control characters."""
    text = " ".join(text.split())
    control = next((char for char in text if unicodedata.category(char) == "Cc"), None)
    if control is not None:
        raise Refusal(f"« {repr(text)[1:-1]} » contient un caractère de contrôle (U+{ord(control):04X}) : retirez-le.")
    return text


def title_slug(title: str) -> str:
    """Return the slug of *title*, refusing a title that has none."""
    if not title:
        raise Refusal('le titre est vide. Exemple : make post TITLE="Mon titre"')
    slug = slugify(title)
    if not slug:
        raise Refusal(
            f"le titre « {title} » ne contient ni lettre ni chiffre : impossible d’en tirer un nom de fichier."
        )
    if len(slug) > MAX_SLUG_LENGTH:
        raise Refusal(
            f"le titre est trop long pour un nom de fichier : son slug a {len(slug)} caractères, "
            f"{MAX_SLUG_LENGTH} au plus. Raccourcissez le titre."
        )
    return slug


def refuse_taken_slug(posts_dir: Path, slug: str) -> None:
    """Refuse *slug* if a post of any year already has it (slugs hold no glob characters)."""
    taken = sorted(posts_dir.rglob(f"{slug}.*"))
    if taken:
        raise Refusal(f"un article a déjà le slug « {slug} » : {taken[0]}. Choisissez un autre titre.")


def labels(text: str, kind: str) -> str:
    """Return comma-separated *text* tidied (``" a ,b, "`` → ``"a, b"``), refusing a label without a slug.

    *kind* names the label in the refusal: ``"l’étiquette"``, ``"la catégorie"``.
    """
    names = [one_line(name) for name in text.split(",") if name.strip()]
    for name in names:
        if not slugify(name):
            raise Refusal(f"{kind} « {name} » ne contient ni lettre ni chiffre.")
    return ", ".join(names)


def today_in(timezone: str) -> date:
    """Return today's date in *timezone*, not in the machine's."""
    return datetime.now(ZoneInfo(timezone)).date()


def front_matter(day: date, settings: dict, category: str, tags: str) -> dict:
    """Return the ABlog fields of a new post, in the order they are written; empty ones are left out."""
    fields = {"blogpost": True, "date": day, "author": settings["blog_default_author"]}
    if category:
        fields["category"] = category
    if tags:
        fields["tags"] = tags
    fields["language"] = settings["language"]
    return fields


def post_text(fields: dict, title: str) -> str:
    """Return the Markdown of a post: YAML front matter, quoted where YAML needs it, then the title heading.

    Raise Refusal if the build would refuse the front matter (a setting of conf.py, say).
    """
    yaml_text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=sys.maxsize)
    text = f"---\n{yaml_text}---\n\n# {title}\n\n"
    try:
        read_front_matter(text, fields["language"])
    except FrontMatterError as error:
        raise Refusal(f"le build refuserait ce front matter, ligne {error.line} : {error}") from None
    return text


def create_post(posts_dir: Path, title: str, tags: str, category: str, settings: dict) -> Path:
    """Write the new post under *posts_dir* and return its path; raise Refusal instead of overwriting."""
    title = one_line(title)
    slug = title_slug(title)
    refuse_taken_slug(posts_dir, slug)
    fields = front_matter(
        today_in(settings["blog_timezone"]),
        settings,
        category=labels(category, "la catégorie"),
        tags=labels(tags, "l’étiquette"),
    )
    path = posts_dir / str(fields["date"].year) / f"{slug}.md"
    text = post_text(fields, title)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Mode "x" fails rather than overwrite, even a file created since the check.
        with path.open("x", encoding="utf-8") as post:
            post.write(text)
    except FileExistsError:
        raise  # created since the check: never overwritten, and not a mere writing problem
    except OSError:
        raise Refusal(f"impossible d’écrire {path} : vérifiez que son dossier est accessible en écriture.") from None
    return path


def main(argv: list[str] | None = None) -> int:
    """Run the command; return 0 when the post is written, 1 when it is refused."""
    arguments = parse_arguments(argv)
    settings = load_settings(blog_root())
    try:
        path = create_post(arguments.posts_dir, arguments.title, arguments.tags, arguments.category, settings)
    except Refusal as refusal:
        print(f"Article non créé : {refusal}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
