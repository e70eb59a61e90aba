"""linter.spark: the partition function in plain Python, and the DataFrame job in Spark local mode."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from linter.spark import SCHEMA, lint_partition

NAME, PHONE = "Dave Ellis", "07700 900461"
DRAFTS = [
    ("d1", f"Trying to reach a client ({NAME}, {PHONE}) who missed today after a really rough week — if "
           "anyone in the Fulwood running club knows him could you ask him to ring me?"),
    ("d2", "took an actual lunch break away from my desk today, phone in a drawer. radical behaviour for a "
           "community psych nurse tbh"),
    ("d3", "my 3 o'clock is six weeks sober and FURIOUS about it lol. 'sobriety is so boring' she says. babe "
           "yes. that's the point"),
    ("d4", "My 3pm, a retired firefighter, cried about his son's overdose."),
    ("d5", "   "),
    ("d6", "Told my therapist about my eating disorder for the first time today. 19F, terrified, but I said "
           "it out loud."),
]
#: Anchors that must not move; the other drafts must match the in-process Linter exactly.
ANCHORS = {"d1": "critical", "d2": "none", "d5": None}
#: Flagged text that must never reach a result row.
SECRETS = (NAME, PHONE, "Fulwood", "sobriety is so boring", "retired firefighter")


def check_rows(rows: list[tuple]) -> None:
    from linter.spark import get_linter

    assert [row[0] for row in rows] == [ident for ident, _ in DRAFTS]  # order and ids kept
    by_id = {row[0]: row for row in rows}
    assert {ident: by_id[ident][1] for ident in ANCHORS} == ANCHORS
    local = get_linter()
    for ident, text in DRAFTS:
        if ident not in ANCHORS:
            report = local.lint(text)
            assert by_id[ident][1:3] == (str(report.severity), report.score), ident
    assert by_id["d1"][2] >= 80 and by_id["d2"][2] == 0
    assert by_id["d5"][4] == "the draft is empty" and by_id["d5"][3] is None
    for ident, severity, _score, findings, error in rows:
        if severity is None:
            continue
        assert error is None
        parsed = json.loads(findings)
        assert (parsed != []) == (severity != "none"), ident
        for finding in parsed:
            assert set(finding["text"]) <= {"█"}, finding  # masked
        assert not any(secret in findings for secret in SECRETS), ident
    assert json.loads(by_id["d1"][3])[0]["rule"].startswith("HL")


def test_lint_partition_plain_python():
    """The mapPartitions function works on (id, text) pairs without Spark."""
    check_rows(list(lint_partition(iter(DRAFTS))))


def _spark_or_skip():
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'hushlint[spark]')")
    pytest.importorskip("pandas", reason="pandas is not installed (pip install 'hushlint[spark]')")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'hushlint[spark]')")
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))):
        pytest.skip("no Java runtime (java on PATH or JAVA_HOME) for Spark local mode")


@pytest.fixture(scope="module")
def spark():
    _spark_or_skip()
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers import linter from this environment
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("hushlint-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "4")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_lint_dataframe_local_mode(spark):
    from linter.spark import lint_dataframe

    df = spark.createDataFrame(DRAFTS, "id string, text string")
    assert df.rdd.getNumPartitions() == 2  # local[2]: the order must survive two partitions
    results = lint_dataframe(df, text_col="text", id_col="id")
    assert results.schema.simpleString() == "struct<" + ",".join(
        field.replace(" ", ":") for field in SCHEMA.split(", ")) + ">"
    check_rows([tuple(row) for row in results.collect()])


def test_lint_partition_rdd(spark):
    df = spark.createDataFrame(DRAFTS, "id string, text string")
    rows = df.rdd.mapPartitions(lint_partition).collect()
    check_rows([tuple(row) for row in rows])
