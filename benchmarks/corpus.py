"""The benchmark corpus: real therapist answers and tweets (shared data) mixed with generated drafts.

Everything is deterministic for a given seed. Without ../shared/data the mix is generated only,
so the benchmark still runs on a fresh checkout.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = (ROOT.parent / "shared" / "data", ROOT / "shared" / "data")

#: Share of the words each source contributes to the mix (when the real data is present).
SHARES_REAL = {"counselchat": 0.45, "btc": 0.15, "wnut": 0.15, "gen-tweet": 0.125, "gen-paragraph": 0.125}
SHARES_GENERATED = {"gen-tweet": 0.5, "gen-paragraph": 0.5}


@dataclass(frozen=True)
class Post:
    id: str
    kind: str  # counselchat | btc | wnut | gen-tweet | gen-paragraph
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def data_dir() -> Path | None:
    for candidate in DATA_DIRS:
        if (candidate / "counselchat" / "counselchat_answers.jsonl").is_file():
            return candidate
    return None


def _read(path: Path, field: str, min_words: int) -> list[str]:
    seen, texts = set(), []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text = (json.loads(line).get(field) or "").strip()
            if len(text.split()) >= min_words and text not in seen:
                seen.add(text)
                texts.append(text)
    return texts


def real_sources(directory: Path | None) -> dict[str, list[str]]:
    """Texts of each real source (deduplicated), or {} when the shared data is missing."""
    if directory is None:
        return {}
    sources = {
        "counselchat": (directory / "counselchat" / "counselchat_answers.jsonl", "answerText", 20),
        "btc": (directory / "broad_twitter_corpus_ner" / "btc.jsonl", "text", 4),
        "wnut": (directory / "wnut17_ner" / "wnut17.jsonl", "text", 4),
    }
    return {kind: _read(path, field, n) for kind, (path, field, n) in sources.items() if path.is_file()}


# --- generated therapist-style drafts ---------------------------------------------------------

NAMES = ["Jenny", "Marcus", "Priya", "kev", "Tamsin", "Omar", "Lucia", "Dev", "Hannah", "Sam", "Aisha", "Tom",
         "Rosa", "Ewan", "Mei", "Carlos", "Bethany", "jonah", "Niamh", "Tariq"]
SURNAMES = ["Ellis", "Okafor", "Novak", "Brennan", "Haddad", "Lindqvist", "Moreau", "Patel", "Kowalski", "Reyes"]
JOBS = ["a retired firefighter", "a nurse at the county hospital", "a primary school teacher",
        "the dentist on Main St", "a bus driver", "a junior doctor", "a barista at the station cafe",
        "an accountant", "a youth pastor", "a police officer", "a veterinary nurse", "a software engineer"]
TOWNS = ["Fulwood", "Tulsa", "Bend", "Harrogate", "Galway", "Moose Jaw", "Dunedin", "Ashby", "Kingsport",
         "Wagga Wagga"]
SLOTS = ["my 3pm", "my 9 o'clock", "my Tuesday 4pm", "my last client today", "the 11am couple",
         "my new intake", "a client I see on Thursdays", "one of my teens"]
CLINICAL = ["relapsed again", "disclosed childhood abuse", "is six weeks sober", "talked about wanting to die",
            "had a panic attack in the waiting room", "finally got an ADHD diagnosis", "is back on lithium",
            "binged and purged twice this week", "was sectioned last year", "told me about the affair"]
QUOTES = ["I just want to feel normal", "nobody at work knows", "my mum can never find out",
          "I'm fine, honestly", "what's the point of any of this", "I didn't think anyone would notice"]
GENERAL = [
    "Anxiety often shows up in the body before the mind can name it.",
    "Grief does not follow five tidy stages; most people move in loops.",
    "Boundaries are not walls, they are the doors you decide to open.",
    "Shame thrives in secrecy and shrinks when it is spoken to someone safe.",
    "Rest is not a reward for productivity; it is part of the work.",
    "Trauma responses were survival strategies that once made sense.",
    "Progress in therapy rarely looks like a straight line.",
    "The nervous system learns safety through repetition, not through insight alone.",
    "Perfectionism is often fear wearing a very nice outfit.",
    "You can love someone and still need distance from them.",
    "Sleep, food and movement are the boring basics that hold everything else up.",
    "Asking for help is a skill, and like any skill it gets easier with practice.",
    "Couples rarely fight about the dishes; they fight about feeling unseen.",
    "Burnout is not a personal failing but a signal that the load is wrong.",
]
LESSONS = [
    "If this sounds familiar, that is information, not a diagnosis.",
    "Be gentle with yourself this week.",
    "Small steps still count as steps.",
    "Reach out to someone you trust if you are struggling.",
    "Your feelings make sense in context.",
]
SAFE_TWEETS = [
    "took an actual lunch break away from my desk today, phone in a drawer. radical behaviour for a therapist tbh",
    "my therapist said 'that sounds exhausting' and i felt more seen than i have in months",
    "reminder that therapists need therapy too. booked my own session for friday",
    "so many of my clients this month are running on empty. the whole world is tired",
    "back-to-back sessions today. seven hours of listening and my brain is soup",
    "new CPD course on trauma-informed care starts tomorrow and I'm weirdly excited",
    "Supervision today was exactly what I needed. Grateful for good colleagues.",
    "Hot take: 'just think positive' is not a coping strategy #mentalhealth",
]
HASHTAGS = ["#therapistlife", "#mentalhealth", "#counselling", "#selfcare", "#therapy", ""]


def _tweet(rng: random.Random) -> str:
    name, slot, town = rng.choice(NAMES), rng.choice(SLOTS), rng.choice(TOWNS)
    kind = rng.random()
    if kind < 0.3:
        return rng.choice(SAFE_TWEETS) + " " + rng.choice(HASHTAGS)
    if kind < 0.5:
        return f"{slot} {rng.choice(CLINICAL)} and honestly I'm so proud of them. {rng.choice(HASHTAGS)}"
    if kind < 0.7:
        return (f"{name} ({rng.randint(8, 78)}, {rng.choice(JOBS)} from {town}) {rng.choice(CLINICAL)}. "
                f"'{rng.choice(QUOTES)}' she said. heavy day")
    if kind < 0.85:
        return (f"{slot} said '{rng.choice(QUOTES)}' and I had to hold it together until the door closed. "
                f"{rng.choice(HASHTAGS)}")
    return (f"Trying to reach a client ({name} {rng.choice(SURNAMES)}, 07700 900{rng.randint(100, 999)}) "
            f"who missed today - anyone in {town} know him?")


def _paragraph(rng: random.Random) -> str:
    sentences = rng.sample(GENERAL, rng.randint(3, 5))
    if rng.random() < 0.6:
        name, job = rng.choice(NAMES), rng.choice(JOBS)
        story = rng.choice([
            f"Last week {rng.choice(SLOTS)}, {job} from {rng.choice(TOWNS)}, {rng.choice(CLINICAL)}.",
            f"My client {name}, who is {rng.randint(8, 78)}, {rng.choice(CLINICAL)} after a hard month.",
            f"A client I have seen for two years {rng.choice(CLINICAL)}, and then said '{rng.choice(QUOTES)}'.",
            f"In session today a {rng.randint(14, 70)}-year-old {rng.choice(['man', 'woman'])} "
            f"{rng.choice(CLINICAL)}.",
        ])
        sentences.insert(rng.randint(0, len(sentences)), story)
    sentences.append(rng.choice(LESSONS))
    text = " ".join(sentences)
    if rng.random() < 0.3:
        text += "\n\n" + " ".join(rng.sample(GENERAL, 2)) + " " + rng.choice(HASHTAGS)
    return text.strip()


def generated(kind: str, rng: random.Random) -> str:
    return _tweet(rng) if kind == "gen-tweet" else _paragraph(rng)


def stream(seed: int = 7, directory: Path | None = None, use_real: bool = True) -> Iterator[Post]:
    """An endless, deterministic mix of posts, interleaved so each source keeps its share of words."""
    rng = random.Random(seed)
    real = real_sources(directory if directory is not None else data_dir()) if use_real else {}
    pools = {kind: rng.sample(texts, len(texts)) for kind, texts in real.items() if texts}
    shares = {k: v for k, v in SHARES_REAL.items() if k in pools or k.startswith("gen-")} if pools \
        else dict(SHARES_GENERATED)
    total_share = sum(shares.values())
    emitted = dict.fromkeys(shares, 0)
    position = dict.fromkeys(pools, 0)
    total, number = 0, 0
    while True:
        kind = max(shares, key=lambda k: shares[k] / total_share * (total + 1) - emitted[k])
        if kind in pools:
            pool = pools[kind]
            text = pool[position[kind] % len(pool)]  # cycles only for very long runs
            position[kind] += 1
        else:
            text = generated(kind, rng)
        post = Post(f"{kind}-{number}", kind, text)
        number += 1
        emitted[kind] += post.words
        total += post.words
        yield post


def take_words(posts: Iterator[Post], words: int) -> list[Post]:
    """Posts from ``posts`` until at least ``words`` words."""
    chosen, count = [], 0
    for post in posts:
        if count >= words:
            break
        chosen.append(post)
        count += post.words
    return chosen


def composition(posts: list[Post]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for post in posts:
        entry = out.setdefault(post.kind, {"posts": 0, "words": 0})
        entry["posts"] += 1
        entry["words"] += post.words
    return out
