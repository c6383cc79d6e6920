"""The import report: what came in, what went out, what was left aside and why.

Printed at the end of every run (in French, for the author) so that nothing
is lost silently: every item of the export is counted by type and status,
every skipped one is listed with its reason, and every part of a post that
could not be reproduced is noted.
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

    def skip(self, description: str, reason: str) -> None:
        """Record an item left out, and why."""
        self.skipped.append((description, reason))

    def render(self) -> str:
        """The report as text."""
        lines = [f"Import de {self.source.name} (WXR {self.version})", "", "Entrées (type / statut) :"]
        lines += [
            f"  {kind or '(aucun)'} / {status or '(aucun)'} : {count}"
            for (kind, status), count in sorted(self.seen.items())
        ]
        lines += ["", "Sorties :"]
        lines += [f"  {what} : {count}" for what, count in sorted(self.written.items())]
        lines += ["", f"Ignorés ({len(self.skipped)}) :"]
        lines += [f"  - {description} : {reason}" for description, reason in self.skipped]
        if self.notes:
            lines += ["", f"À vérifier ({len(self.notes)}) :"]
            lines += [f"  - {note}" for note in self.notes]
        return "\n".join(lines) + "\n"
