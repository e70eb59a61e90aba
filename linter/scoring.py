"""Resolution -> severity level, 0–100 score and the list of contributions behind it.

The score is a sum of explained contributions; the level is the band the score falls in
(levels.BAND_FLOORS). Points are set so the combinations SEVERITY.md describes land in
the right band: a specific client is medium, plus one aggravating factor or
quasi-identifier is high, plus a direct identifier, three quasi-identifiers, or sensitive
content / a minor together with any identifying detail is critical.
"""

from __future__ import annotations

from collections.abc import Iterable

from linter.findings import Contribution
from linter.levels import Level, level_for_score
from linter.resolve import Match, Resolution

CONTEXT_POINTS = {"specific": 35, "workday": 15, "aggregate": 15}
CONTEXT_REASONS = {
    "specific": "a specific client or session is described",
    "workday": "a client is mentioned only in workday terms (scheduling, cancellations)",
    "aggregate": "clients are discussed only in aggregate",
}
DIRECT_FIRST, DIRECT_MORE = 45, 3
QUASI_POINTS = (22, 8, 15, 2)  # first, second, third, each further kind
AGGRAVATING = ("client_quote", "sensitive_clinical", "derogatory", "minor")
AGGRAVATING_FIRST, AGGRAVATING_MORE = 22, 4
MINOR_ALONE = 8  # a nameless story about a young client stays medium unless more is said
COMBINATION_POINTS = {"sensitive_clinical": 12, "minor": 16}  # tied to an identifying detail
AGGREGATE_AGGRAVATING = 6
AGGREGATE_CAP = Level.MEDIUM.floor - 1  # aggregate talk alone never reaches medium
LABELS = {
    "client_quote": "a direct quote of the client's words",
    "sensitive_clinical": "sensitive clinical content",
    "derogatory": "a derogatory remark about the client",
    "minor": "the client is a minor",
}


def score(resolution: Resolution) -> tuple[Level, int, list[Contribution]]:
    """Compute (level, score, contributions) for one draft."""
    if resolution.context == "none":
        return Level.NONE, 0, []
    reason = CONTEXT_REASONS[resolution.context]
    if resolution.story_probability is not None:
        reason = (f"the story classifier reads this as an anecdote about a client "
                  f"(p={resolution.story_probability:.2f}) although no rule named one")
    parts = [Contribution(CONTEXT_POINTS[resolution.context], reason,
                          _ids(resolution.references + resolution.mitigating))]
    if resolution.context == "specific":
        parts += _identifiability(resolution.attached)
        parts += _aggravating(resolution.attached)
    else:
        parts += _aggregate(resolution.aggregate_attached + resolution.attached)
    raw = sum(p.points for p in parts)
    if raw > 100:
        parts.append(Contribution(100 - raw, "the score is capped at 100"))
    total = min(raw, 100)
    if resolution.mitigating:
        lowered = _lowered(total)
        parts.append(Contribution(lowered - total, "a consent or composite claim lowers the level by one "
                                  "(never to none)", _ids(resolution.mitigating)))
        total = lowered
    return level_for_score(total), total, parts


def _identifiability(attached: list[Match]) -> list[Contribution]:
    parts = []
    direct = _by_kind(m for m in attached if m.rule.category == "direct_identifier")
    for n, (kind, matches) in enumerate(direct.items()):
        points = DIRECT_FIRST if n == 0 else DIRECT_MORE
        parts.append(Contribution(points, f"direct identifier ({kind}) tied to the client", _ids(matches)))
    quasi = _by_kind(m for m in attached if m.rule.category in ("quasi_identifier", "location_checkin"))
    for n, (kind, matches) in enumerate(quasi.items()):
        points = QUASI_POINTS[min(n, len(QUASI_POINTS) - 1)]
        ordinal = ("first", "second", "third")[n] if n < 3 else "another"
        parts.append(Contribution(points, f"{ordinal} quasi-identifier kind ({kind}) about the client",
                                  _ids(matches)))
    identifying = bool(direct or quasi)
    for category, label in (("sensitive_clinical", "sensitive content"), ("minor", "a minor")):
        found = [m for m in attached if m.rule.category == category]
        if found and identifying:
            parts.append(Contribution(COMBINATION_POINTS[category], f"{label} together with an identifying detail",
                                      _ids(found)))
    return parts


def _aggravating(attached: list[Match]) -> list[Contribution]:
    parts = []
    for n, category in enumerate(c for c in AGGRAVATING if any(m.rule.category == c for m in attached)):
        found = [m for m in attached if m.rule.category == category]
        points = AGGRAVATING_FIRST if n == 0 else AGGRAVATING_MORE
        if category == "minor" and n == 0:
            points = MINOR_ALONE
        parts.append(Contribution(points, LABELS[category], _ids(found)))
    return parts


def _aggregate(matches: list[Match]) -> list[Contribution]:
    parts = []
    for category in ("derogatory", "sensitive_clinical"):
        found = [m for m in matches if m.rule.category == category]
        if found:
            parts.append(Contribution(AGGREGATE_AGGRAVATING, f"{LABELS[category]} beside talk of clients",
                                      _ids(found)))
    base = CONTEXT_POINTS["aggregate"]
    room = AGGREGATE_CAP - base
    total = 0
    capped = []
    for part in parts:
        points = max(min(part.points, room - total), 0)
        total += points
        capped.append(Contribution(points, part.reason, part.rules))
    return capped


def _lowered(total: int) -> int:
    """Move a score down one band, keeping its relative place, never below low."""
    level = level_for_score(total)
    if level <= Level.LOW:
        return total
    lower = Level(level - 1)
    offset = min(total - level.floor, level.floor - lower.floor - 1)
    return max(lower.floor + offset, Level.LOW.floor)


def _by_kind(matches: Iterable[Match]) -> dict[str, list[Match]]:
    groups: dict[str, list[Match]] = {}
    for match in matches:
        groups.setdefault(match.rule.kind or match.rule.name, []).append(match)
    return groups


def _ids(matches: Iterable[Match]) -> tuple[str, ...]:
    return tuple(sorted({m.rule.id for m in matches}))
