"""The hushlint command line: check, rules, explain."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from linter.errors import HushlintError
from linter.levels import LEVEL_NAMES, Level

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Group(click.Group):
    """Turns HushlintError anywhere into one line on stderr and exit 2 (never a traceback)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except HushlintError as exc:
            click.echo(f"hushlint: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("hushlint: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hushlint", prog_name="hushlint")
def main() -> None:
    """hushlint: check a draft post for anything that could breach a client's confidentiality."""


def _config(config_path: str | None, **overrides: object):  # -> Config
    from linter.config import CONFIG_NAME, Config, load_config

    if config_path:
        config = load_config(Path(config_path))
    elif Path(CONFIG_NAME).is_file():
        config = load_config(Path(CONFIG_NAME))
    else:
        config = Config()
    return config.replace(**overrides)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="Output format.")
@click.option("--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: each input line is {\"id\": ..., \"text\": ...}.")
@click.option("--fail-on", type=click.Choice(LEVEL_NAMES), default=None,
              help="Exit 1 when a draft reaches this level [default: medium].")
@click.option("--redact/--no-redact", default=None,
              help="Mask flagged text in the output (on by default when $CI is set).")
@click.option("--model", default=None, help="Installed spaCy model to use.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file [default: ./.hushlint.yaml if present].")
@click.option("--select", multiple=True, help="Only these rules (id or name); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rules (id or name); repeatable.")
@click.option("--max-chars", type=click.IntRange(min=1), default=None, help="Refuse longer drafts.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of stdout.")
def check(paths: tuple[str, ...], fmt: str, input_format: str, fail_on: str | None, redact: bool | None,
          model: str | None, config_path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          max_chars: int | None, output: str | None) -> None:
    """Check drafts: PATHS are files or directories; '-' or nothing reads stdin."""
    from linter.api import Linter

    config = _config(config_path, model=model, fail_on=Level.parse(fail_on) if fail_on else None,
                     select=select or None, ignore=ignore or None, max_chars=max_chars)
    if redact is None:
        redact = bool(os.environ.get("CI"))
    if input_format == "jsonl" and fmt == "text":
        fmt = "jsonl"
    linter = Linter(config)
    drafts = _drafts(paths, input_format)
    worst, errors = Level.NONE, []
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        reports = []
        for draft, report in _lint(linter, drafts):
            if report is None:
                errors.append(draft.error)
                click.echo(f"hushlint: error: {draft.error}", err=True)
            else:
                report = report.redacted() if redact else report
                worst = max(worst, report.severity)
            if fmt == "jsonl":
                from linter.report import render_jsonl_line

                out.write(render_jsonl_line(draft.id if draft.id is not None else draft.source,
                                            report, draft.error) + "\n")
                out.flush()
            elif report is not None:
                reports.append(report)
        if fmt != "jsonl" and (reports or fmt == "json"):
            from linter.report import FORMATS

            color = fmt == "text" and output is None and sys.stdout.isatty()
            out.write(FORMATS[fmt](reports, errors, color=color) + "\n")
    finally:
        if output:
            out.close()
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if worst >= config.fail_on and worst > Level.NONE else EXIT_OK)


def _drafts(paths: tuple[str, ...], input_format: str) -> Iterator:
    from linter.inputs import read_jsonl, read_paths

    stdin = click.get_binary_stream("stdin")
    if input_format == "jsonl":
        for path in paths or ("-",):
            if path == "-":
                yield from read_jsonl(stdin)
                continue
            try:
                with open(path, "rb") as handle:
                    yield from read_jsonl(handle, path)
            except OSError as exc:
                from linter.inputs import Draft

                yield Draft(path, error=f"{path}: cannot read ({exc.strerror or exc})")
    else:
        yield from read_paths(paths, stdin)


def _lint(linter, drafts: Iterator) -> Iterator:
    """Pair each draft with its report (None for unreadable drafts), streaming in order."""
    pending = []

    def flush():
        texts = [d.text for d in pending]
        for draft, report in zip(pending, linter.lint_many(texts, [d.source for d in pending])):
            yield draft, report
        pending.clear()

    for draft in drafts:
        if not draft.error:
            try:
                linter.check_text(draft.text)
            except HushlintError as exc:
                draft = type(draft)(draft.source, error=f"{draft.source}: {exc}", id=draft.id)
        if draft.error:
            yield from flush()
            yield draft, None
        else:
            pending.append(draft)
            if len(pending) >= 64:
                yield from flush()
    yield from flush()


@main.command(name="eval")
@click.argument("corpus", nargs=-1, type=click.Path(exists=True, dir_okay=True))
@click.option("--split", default=None, help="Only items of this split (dev or test).")
@click.option("--baselines/--no-baselines", default=True, show_default=True,
              help="Also score the grep and Presidio-default baselines in the same run.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
              help="Also write all metrics to this JSON file.")
@click.option("--model", default=None, help="Installed spaCy model to use.")
def eval_command(corpus: tuple[str, ...], split: str | None, baselines: bool, json_path: str | None,
                 model: str | None) -> None:
    """Accuracy on labelled JSONL CORPUS files (default: tests/corpus) against two baselines."""
    import json

    from linter import evaluate
    from linter.api import Linter

    paths = []
    for item in corpus or ("tests/corpus",):
        path = Path(item)
        paths += sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not paths:
        raise HushlintError("no corpus files (.jsonl) found")
    items = evaluate.load_corpus(paths)
    if split:
        items = [i for i in items if i.split == split]
    if not items:
        raise HushlintError("the corpus has no items" + (f" in split '{split}'" if split else ""))
    linter = Linter(_config(None, model=model))
    predictions = {"hushlint": evaluate.predict_hushlint(items, linter)}
    if baselines:
        predictions["grep"] = evaluate.predict_grep(items)
        analyzer = evaluate.presidio_default_analyzer(linter.config.model)
        predictions["presidio"] = evaluate.predict_presidio(items, analyzer)
    results = evaluate.evaluate(items, predictions)
    click.echo(evaluate.format_results(results))
    if json_path:
        data = {name: {sp: m.to_dict() for sp, m in by_split.items()} for name, by_split in results.items()}
        Path(json_path).write_text(json.dumps(data, indent=2), encoding="utf-8")


@main.command()
def rules() -> None:
    """List every rule: id, name, category and message."""
    from linter.rules import load_rules

    for rule in load_rules().rules:
        click.echo(f"{rule.id}  {rule.name:<22} {rule.category:<27} {rule.message}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain one RULE (id or name): message, why, suggestion and examples."""
    from linter.rules import load_rules

    found = load_rules().get(rule)
    if found is None:
        raise HushlintError(f"no rule '{rule}'; `hushlint rules` lists them")
    click.echo(f"{found.id} {found.name} ({found.category})\n")
    click.echo(f"What it flags: {found.message}\n")
    click.echo(f"Why it matters: {found.why}\n")
    click.echo(f"Instead: {found.suggest}\n")
    click.echo("Flagged, for example:")
    for example in found.flag_examples:
        click.echo(f"  - {example}")
    click.echo("Not flagged:")
    for example in found.pass_examples:
        click.echo(f"  - {example}")
