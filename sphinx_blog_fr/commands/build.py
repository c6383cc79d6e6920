"""Build the site: ``sphinx-blog-fr build SPHINX_OPTIONS…``, what ``make html`` runs.

It is Sphinx's own build (``sphinx.cmd.build.main``, the same options),
skipped when nothing it depends on has changed since the last build that
succeeded: Sphinx needs three seconds at 1,000 posts to find it out, for
imports, the pickled environment and the search index, and this command
a few hundredths. The site left in place is then the one that build wrote,
which every test of incremental builds checks is a clean build's.

A build that succeeded, with warnings as errors (``-W``, as ``make html``
runs it), without ``-a``, ``-E`` or a list of files, writes a stamp beside
the doctrees. The next build with the same command line is skipped when all
of these are as the stamp has them:

- the current folder, the Python running, the environment variables (all
  of them, the shell's counters aside);
- every file of the source folder (path, size, modification and change
  times, inode), outside the output and doctree folders and the folders of
  tools (``.git``, ``.venv``, ``node_modules``, caches);
- every file of the output and doctree folders: a page deleted or edited by
  hand is written again;
- the folders and files the build read outside the source folder, and the
  date, as the build recorded them (``sphinx_blog_fr._build_record``).

The sources are taken before the build starts, so a file saved while Sphinx
runs is seen by the next build. Anything else, or a stamp that cannot be
read, means a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

#: The stamp's name, in the doctree folder.
STAMP_FILE = "build-stamp.json"
#: Folders of tools, never sources: version control, environments, caches.
TOOL_FOLDERS = frozenset(
    {".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".hypothesis", ".pytest_cache", ".ruff_cache"}
)
#: Environment variables a shell changes between two identical commands.
SHELL_COUNTERS = frozenset({"_", "OLDPWD", "SHLVL"})
QUIET_OPTIONS = frozenset({"-q", "--quiet", "-Q", "--silent"})
UP_TO_DATE = "Rien à reconstruire : ni les sources, ni la configuration, ni le site n’ont changé depuis la dernière construction."


def _file_states(root: Path, skipped: Iterable[Path] = (), *, tool_folders: frozenset[str] = frozenset()) -> str:
    """A digest of every file under *root* (path, size, times, inode), but the *skipped* files and folders."""
    skipped_paths = {os.path.abspath(path) for path in skipped}
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        subfolders[:] = sorted(
            name for name in subfolders if name not in tool_folders and os.path.join(folder, name) not in skipped_paths
        )
        for name in sorted(files):
            path = os.path.join(folder, name)
            if path in skipped_paths:
                continue
            try:
                state = os.stat(path)
            except OSError:
                continue
            digest.update(
                f"{path}\0{state.st_size}\0{state.st_mtime_ns}\0{state.st_ctime_ns}\0{state.st_ino}\n".encode()
            )
    return digest.hexdigest()


def paths_state(folders: Sequence[str], files: Sequence[str]) -> str:
    states = [_file_states(Path(folder)) for folder in folders]
    for path in files:
        try:
            state = os.stat(path)
            states.append(f"{path}\0{state.st_size}\0{state.st_mtime_ns}\0{state.st_ctime_ns}")
        except OSError:
            states.append(f"{path}\0absent")
    return hashlib.sha256("\n".join(states).encode()).hexdigest()


def command_key(argv: Sequence[str]) -> str:
    environment = sorted((name, value) for name, value in os.environ.items() if name not in SHELL_COUNTERS)
    key = [list(argv), os.getcwd(), sys.executable, sys.version, environment]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()


class Folders:
    """The source, output and doctree folders of one command line, as Sphinx reads it."""

    def __init__(self, argv: Sequence[str]) -> None:
        from sphinx.cmd.build import get_parser

        options = get_parser().parse_args(list(argv))
        self.sources = Path(os.path.abspath(options.sourcedir))
        self.output = Path(os.path.abspath(options.outputdir))
        self.doctrees = Path(os.path.abspath(options.doctreedir or self.output / ".doctrees"))
        #: Whether a successful build leaves a site a later identical command may keep.
        self.stampable = options.warningiserror and not (options.force_all or options.freshenv or options.filenames)

    def sources_state(self) -> str:
        return _file_states(self.sources, (self.output, self.doctrees), tool_folders=TOOL_FOLDERS)

    def output_state(self) -> str:
        stamp = self.doctrees / STAMP_FILE
        return _file_states(self.output) + _file_states(self.doctrees, (stamp,))


def is_up_to_date(argv: Sequence[str], folders: Folders) -> bool:
    """Whether the last build's stamp still holds for the command line *argv*."""
    try:
        stamp = json.loads((folders.doctrees / STAMP_FILE).read_text(encoding="utf-8"))
        return (
            stamp["command"] == command_key(argv)
            and time.time() < stamp["until"]
            and stamp["sources"] == folders.sources_state()
            and stamp["read"] == paths_state(stamp["folders"], stamp["files"])
            and stamp["output"] == folders.output_state()
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _write_stamp(argv: Sequence[str], folders: Folders, sources_before: str) -> None:
    from sphinx_blog_fr._build_record import record_path

    try:
        record = json.loads(record_path(folders.doctrees).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    stamp = {
        "command": command_key(argv),
        "until": record["until"],
        "sources": sources_before,
        "folders": record["folders"],
        "files": record["files"],
        "read": paths_state(record["folders"], record["files"]),
    }
    stamp["output"] = folders.output_state()
    (folders.doctrees / STAMP_FILE).write_text(json.dumps(stamp, indent=1), encoding="utf-8")


def build(argv: Sequence[str], folders: Folders) -> int:
    """Run Sphinx on *argv*; stamp the result when it may be kept by the next identical command."""
    from sphinx.cmd.build import main as sphinx_main

    from sphinx_blog_fr._build_record import record_path

    for leftover in (folders.doctrees / STAMP_FILE, record_path(folders.doctrees)):
        leftover.unlink(missing_ok=True)
    sources_before = folders.sources_state()
    status = sphinx_main(list(argv))
    if status == 0 and folders.stampable:
        _write_stamp(argv, folders, sources_before)
    return status


def main(argv: Sequence[str]) -> int:
    folders = Folders(argv)
    if is_up_to_date(argv, folders):
        if not QUIET_OPTIONS.intersection(argv):
            print(UP_TO_DATE)
        return 0
    return build(argv, folders)
