"""hushlint as a PySpark job: one engine per Python worker, drafts batched through ``nlp.pipe``.

    from linter.spark import lint_dataframe
    results = lint_dataframe(spark.table("drafts"), text_col="text", id_col="id")
    # id string, severity string, score int, findings string (JSON, flagged text masked), error string

Nothing heavy is pickled: Spark ships a reference to a module-level function of this module,
and each executor's Python worker builds its own :class:`linter.api.Linter` (spaCy + Presidio)
the first time it needs one and keeps it for every later batch and task (Spark reuses Python
workers by default). pyspark and pandas are imported only inside the functions that need them,
so ``import linter.spark`` works without the ``spark`` extra.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from linter.config import Config
from linter.errors import HushlintError

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

    from linter.api import Linter

#: The fixed schema of every result (Spark DDL). ``findings`` is a JSON array of findings whose
#: ``text`` is masked (Report.redacted()); ``error`` is set, and severity/score/findings are
#: null, for a draft hushlint refuses (empty, too long).
SCHEMA = "id string, severity string, score int, findings string, error string"
COLUMNS = ("id", "severity", "score", "findings", "error")
#: Drafts handed to ``Linter.lint_many`` at a time (it batches nlp.pipe by 32 inside).
CHUNK = 256

_LINTERS: dict[Config, Linter] = {}


def get_linter(config: Config | None = None) -> Linter:
    """This process's Linter for ``config``, built (spaCy, Presidio, rules) on first use only."""
    from linter.api import Linter

    config = config or Config()
    linter = _LINTERS.get(config)
    if linter is None:
        linter = _LINTERS[config] = Linter(config)
        linter.engine  # load spaCy + Presidio now, once per worker process  # noqa: B018
    return linter


def lint_rows(rows: Iterable[tuple[Any, str | None]], config: Config | None = None
              ) -> Iterator[tuple[str | None, str | None, int | None, str | None, str | None]]:
    """(id, text) pairs -> (id, severity, score, findings_json, error) tuples, in order.

    Plain Python (no Spark, no pandas): the core of :func:`lint_partition` and :func:`lint_pandas`.
    A refused draft gives an error row instead of failing the whole partition.
    """
    linter = get_linter(config)
    chunk: list[tuple[Any, str | None]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _lint_chunk(linter, chunk)
            chunk = []
    if chunk:
        yield from _lint_chunk(linter, chunk)


def _lint_chunk(linter: Linter, chunk: list[tuple[Any, str | None]]
                ) -> Iterator[tuple[str | None, str | None, int | None, str | None, str | None]]:
    errors: list[str | None] = []
    good: list[str] = []
    for _, text in chunk:
        try:
            linter.check_text(text or "")
            errors.append(None)
            good.append(text or "")
        except HushlintError as exc:
            errors.append(str(exc))
    reports = linter.lint_many(good)
    for (ident, _), error in zip(chunk, errors, strict=True):
        key = None if ident is None else str(ident)
        if error is not None:
            yield key, None, None, None, error
            continue
        report = next(reports).redacted()  # masked findings only: safe to store and log
        findings = json.dumps([finding.to_dict() for finding in report.findings], ensure_ascii=False)
        yield key, str(report.severity), int(report.score), findings, None


def _pair(row: Any, text_col: str, id_col: str) -> tuple[Any, str | None]:
    if isinstance(row, tuple) and len(row) == 2 and not hasattr(row, "asDict"):
        return row[0], row[1]  # a plain (id, text) pair
    if hasattr(row, "asDict"):  # pyspark.sql.Row
        row = row.asDict()
    return row.get(id_col), row.get(text_col)


def lint_partition(rows: Iterable[Any], text_col: str = "text", id_col: str = "id",
                   config: Config | None = None) -> Iterator[tuple]:
    """For ``rdd.mapPartitions``: rows (Row, dict or (id, text)) -> result tuples in SCHEMA order.

        df.rdd.mapPartitions(lint_partition).toDF(SCHEMA)
    """
    return lint_rows((_pair(row, text_col, id_col) for row in rows), config)


def lint_pandas(batches: Iterable[pd.DataFrame], text_col: str = "text", id_col: str = "id",
                config: Config | None = None) -> Iterator[pd.DataFrame]:
    """For ``DataFrame.mapInPandas``: each pandas batch in -> one result batch (SCHEMA) out."""
    import pandas as pd

    for batch in batches:
        ids = batch[id_col].tolist() if id_col in batch.columns else [None] * len(batch)
        texts = [None if _missing(t) else t for t in batch[text_col].tolist()]
        rows = list(lint_rows(zip(ids, texts, strict=True), config))
        frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
        frame["score"] = frame["score"].astype("Int32")
        yield frame


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


def lint_dataframe(df: DataFrame, text_col: str = "text", id_col: str = "id",
                   config: Config | None = None) -> DataFrame:
    """A Spark DataFrame of results (SCHEMA), one row per input row, in the input's order."""
    columns = [text_col] + ([id_col] if id_col in df.columns else [])
    function = functools.partial(lint_pandas, text_col=text_col, id_col=id_col, config=config)
    return df.select(*columns).mapInPandas(function, schema=SCHEMA)
