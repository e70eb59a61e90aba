"""The one five-level severity scale (../shared/SEVERITY.md) and its score bands."""

from __future__ import annotations

from enum import IntEnum


class Level(IntEnum):
    """Severity of a whole draft or of one finding, ordered."""

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Level) -> Level:
        """Read a level name such as ``"high"``; raise ValueError on anything else."""
        if isinstance(value, Level):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            names = ", ".join(str(level) for level in cls)
            raise ValueError(f"unknown level {value!r} (expected one of: {names})") from None

    @property
    def floor(self) -> int:
        """Lowest 0–100 score that falls in this level's band."""
        return BAND_FLOORS[self]


#: Lowest score of each level's band; a score belongs to the highest band whose floor it reaches.
BAND_FLOORS: dict[Level, int] = {
    Level.NONE: 0,
    Level.LOW: 10,
    Level.MEDIUM: 30,
    Level.HIGH: 55,
    Level.CRITICAL: 80,
}

LEVEL_NAMES: tuple[str, ...] = tuple(str(level) for level in Level)


def level_for_score(score: int) -> Level:
    """Map a 0–100 score to its severity band."""
    level = Level.NONE
    for candidate, floor in BAND_FLOORS.items():
        if score >= floor:
            level = candidate
    return level
