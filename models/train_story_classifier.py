"""Train the story classifier (a spaCy bag-of-words text classifier) on the DEV split only.

    python models/train_story_classifier.py            # writes models/story-classifier/
    python models/train_story_classifier.py --cv       # 5-fold cross-validation on dev

The label is "story": the gold level is medium or above (a specific client or worse). The
test split is never read. Training is CPU-only, seeded, and takes a few seconds.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.training import Example

from linter.evaluate import load_corpus
from linter.levels import Level

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "models" / "story-classifier"
EPOCHS, SEED, HASH_LENGTH = 15, 0, 2**17
CONFIG = {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                    "ngram_size": 2, "no_output_layer": False, "length": HASH_LENGTH}}


def dev_items():
    items = load_corpus(sorted((ROOT / "tests" / "corpus").glob("*.jsonl")))
    return [item for item in items if item.split == "dev"]


def train(items, seed: int = SEED):
    """A blank English pipeline with one textcat (labels STORY / OTHER)."""
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config=CONFIG)
    textcat.add_label("STORY")
    textcat.add_label("OTHER")
    examples = [
        Example.from_dict(nlp.make_doc(item.text), {"cats": {
            "STORY": float(item.level >= Level.MEDIUM), "OTHER": float(item.level < Level.MEDIUM)}})
        for item in items
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(EPOCHS):
        random.shuffle(examples)
        for batch in spacy.util.minibatch(examples, 16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    nlp.meta.update({"name": "hushlint_story_classifier", "version": "0.1.0", "license": "MIT",
                     "description": "P(draft tells a story about a specific client); trained on hushlint's dev split"})
    return nlp


def cross_validate(items, folds: int = 5) -> list[float]:
    """Out-of-fold probabilities for every dev item (used to choose the threshold)."""
    order = list(range(len(items)))
    random.Random(1).shuffle(order)
    probabilities = [0.0] * len(items)
    for k in range(folds):
        held = set(order[k::folds])
        model = train([items[i] for i in range(len(items)) if i not in held])
        for i in held:
            probabilities[i] = model(items[i].text).cats["STORY"]
    return probabilities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", action="store_true", help="print 5-fold out-of-fold recall/false-positive rates")
    args = parser.parse_args()
    items = dev_items()
    if args.cv:
        probabilities = cross_validate(items)
        for threshold in (0.6, 0.7, 0.8, 0.9):
            story = [p >= threshold for p in probabilities]
            positives = [s for s, i in zip(story, items, strict=True) if i.level >= Level.MEDIUM]
            negatives = [s for s, i in zip(story, items, strict=True) if i.level == Level.NONE]
            print(f"threshold {threshold}: story recall {sum(positives) / len(positives):.3f}, "
                  f"flags {sum(negatives) / len(negatives):.3f} of none-level drafts")
        return
    model = train(items)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    model.to_disk(OUTPUT)
    print(f"trained on {len(items)} dev drafts; wrote {OUTPUT}")


if __name__ == "__main__":
    main()
