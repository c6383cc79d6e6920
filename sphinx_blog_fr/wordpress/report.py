"""The import report: what came in, what went out, what was left aside and why.

Printed at the end of every run (in French, for the author) so that nothing
is lost silently: every item of the export is counted by type and status,
every skipped one is listed with its reason, every part of a post that
could not be reproduced is noted, and what the sanitiser took out of each
post and its comments (scripts, event attributes, foreign iframes…) is
counted, post by post. Each item type gets its balance: how many came in,
how many were written, how many were not. ``wordpress-import.json`` keeps the
same report (:meth:`Report.as_data`).
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Report:
    """Counts and lists gathered while planning an import."""

    source: Path
    version: str
    seen: Counter[tuple[str, str]] = field(default_factory=Counter)
    written: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    removed: dict[str, dict[str, int]] = field(default_factory=dict)
    removed_from: dict[str, str] = field(default_factory=dict)
    #: Items written (as posts, pages or drafts), by their WordPress type.
    written_by_type: Counter[str] = field(default_factory=Counter)

    def skip(self, description: str, reason: str) -> None:
        """Record an item left out, and why."""
        self.skipped.append((description, reason))

    def remove(self, path: str, description: str, removed: Counter[str]) -> None:
        """Record what the sanitiser took out of the file *path* (the post *description*), if anything."""
        if removed:
            self.removed[path] = dict(sorted(removed.items()))
            self.removed_from[path] = description

    def render(self) -> str:
        """The report as text."""
        lines = [f"Import de {self.source.name} (WXR {self.version})", "", "Entrées (type / statut) :"]
        lines += [
            f"  {kind or '(aucun)'} / {status or '(aucun)'} : {count}"
            for (kind, status), count in sorted(self.seen.items())
        ]
        lines += ["", "Bilan par type (reçus / écrits / non écrits) :"]
        lines += [
            f"  {kind or '(aucun)'} : {received} / {self.written_by_type[kind]} / {received - self.written_by_type[kind]}"
            for kind, received in sorted(self._received_by_type().items())
        ]
        lines += ["", "Sorties :"]
        lines += [f"  {what} : {count}" for what, count in sorted(self.written.items())]
        lines += ["", f"Ignorés ({len(self.skipped)}) :"]
        lines += [f"  - {description} : {reason}" for description, reason in self.skipped]
        if self.notes:
            lines += ["", f"À vérifier ({len(self.notes)}) :"]
            lines += [f"  - {note}" for note in self.notes]
        if self.removed:
            lines += ["", f"Contenu retiré pour la sécurité ({len(self.removed)} fichiers) :"]
            lines += [
                f"  - {self.removed_from[path]} ({path}) : {removal_summary(counts)}"
                for path, counts in sorted(self.removed.items())
            ]
        return "\n".join(lines) + "\n"

    def _received_by_type(self) -> Counter[str]:
        """How many items of each type the export holds."""
        received: Counter[str] = Counter()
        for (kind, _status), count in self.seen.items():
            received[kind] += count
        return received

    def as_data(self) -> dict:
        """The report as JSON data, for ``wordpress-import.json``."""
        received = self._received_by_type()
        return {
            "source": self.source.name,
            "version": self.version,
            "types": {
                kind: {
                    "reçus": count,
                    "écrits": self.written_by_type[kind],
                    "non écrits": count - self.written_by_type[kind],
                }
                for kind, count in sorted(received.items())
            },
            "sorties": dict(sorted(self.written.items())),
            "ignorés": [{"contenu": description, "raison": reason} for description, reason in self.skipped],
            "à vérifier": list(self.notes),
            "contenu retiré": {path: dict(counts) for path, counts in sorted(self.removed.items())},
        }


def removal_summary(counts: dict[str, int]) -> str:
    """« 3 éléments retirés (script, onerror ×2) »: how many, then which, the most frequent first."""
    total = sum(counts.values())
    names = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    which = ", ".join(name if count == 1 else f"{name} ×{count}" for name, count in names)
    return f"{total} élément{'s' if total > 1 else ''} retiré{'s' if total > 1 else ''} ({which})"
