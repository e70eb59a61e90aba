"""Run the linter over a stream of drafts, in this process or in N worker processes, in order."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from multiprocessing import get_context

from linter.api import Linter
from linter.config import Config
from linter.documents import Document
from linter.engine import batched
from linter.errors import HushlintError
from linter.findings import Report
from linter.inputs import Draft

BATCH = 32  # documents per nlp.pipe batch (and per task sent to a worker)


def prepare(draft: Draft, linter: Linter, syntax: str = "auto") -> Draft | Document:
    """A Document ready to lint, or the draft with its one-line error (cheap; no spaCy)."""
    if draft.error:
        return draft
    try:
        linter.check_text(draft.text)
        return Document.for_source(draft.text, draft.source, syntax)
    except HushlintError as exc:
        message = str(exc) if str(exc).startswith(draft.source) else f"{draft.source}: {exc}"
        return Draft(draft.source, error=message, id=draft.id)


def run(linter: Linter, drafts: Iterable[Draft], syntax: str = "auto", jobs: int = 1
        ) -> Iterator[tuple[Draft, Report | None]]:
    """(draft, report) pairs in input order; report is None when the draft had an error."""
    pairs = ((draft, prepare(draft, linter, syntax)) for draft in drafts)
    if jobs > 1:
        yield from _parallel(linter.config, pairs, jobs)
        return
    for chunk in batched(pairs, BATCH):
        documents = [item for _, item in chunk if isinstance(item, Document)]
        reports = iter(linter.lint_documents(documents))
        for draft, item in chunk:
            yield (draft, next(reports)) if isinstance(item, Document) else (item, None)


_WORKER: Linter | None = None


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Linter(config)
    _WORKER.engine  # build spaCy + Presidio once per worker process  # noqa: B018


def _lint_chunk(documents: list[Document]) -> list[Report]:
    assert _WORKER is not None
    return list(_WORKER.lint_documents(documents))


def _parallel(config: Config, pairs: Iterable[tuple[Draft, Draft | Document]], jobs: int
              ) -> Iterator[tuple[Draft, Report | None]]:
    """Stream chunks to ``jobs`` workers, at most 4 chunks per worker in flight, in input order."""
    context = get_context("spawn")  # workers import what they need; nothing heavy is inherited
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(config,)) as pool:
        in_flight: deque = deque()
        for chunk in _growing_chunks(pairs, first=jobs * 2):
            documents = [item for _, item in chunk if isinstance(item, Document)]
            in_flight.append((chunk, pool.submit(_lint_chunk, documents)))
            if len(in_flight) >= jobs * 4:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())


def _collect(chunk: list, future) -> Iterator[tuple[Draft, Report | None]]:
    reports = iter(future.result())
    for draft, item in chunk:
        yield (draft, next(reports)) if isinstance(item, Document) else (item, None)


def _growing_chunks(items: Iterable, first: int, small: int = 4) -> Iterator[list]:
    """``first`` small chunks (so a handful of files still spreads over every worker), then BATCH."""
    iterator = iter(items)
    for _ in range(first):
        chunk = list(islice(iterator, small))
        if not chunk:
            return
        yield chunk
    yield from batched(iterator, BATCH)
