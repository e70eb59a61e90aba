"""Assign each corpus item to `dev` or `test` once, by a stable hash of its id (about 50/50).

Run once when items are added: `python tests/corpus/split.py`. Items that already have a
split keep it, so tuning on dev can never move an item between splits.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def split_for(item_id: str) -> str:
    digest = hashlib.sha256(item_id.encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def main() -> None:
    for path in sorted(HERE.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
        for item in items:
            item.setdefault("split", split_for(item["id"]))
        ordered = [{"id": i["id"], "split": i["split"], **{k: v for k, v in i.items() if k not in ("id", "split")}}
                   for i in items]
        path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in ordered), encoding="utf-8")
        print(path.name, len(items))


if __name__ == "__main__":
    main()
