"""The hushlint command line: check, explain, rules, eval, init, baseline."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from linter.errors import HushlintError
from linter.levels import LEVEL_NAMES, Level

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ["text", "json", "jsonl", "sarif", "github", "junit", "html"]


class Group(click.Group):
    """Turns HushlintError anywhere into one line on stderr and exit 2 (never a traceback)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except HushlintError as exc:
            click.echo(f"hushlint: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except OSError as exc:  # writing an output, baseline or config file
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"hushlint: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("hushlint: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hushlint", prog_name="hushlint")
def main() -> None:
    """hushlint: check a draft post for anything that could breach a client's confidentiality."""


def _config(config_path: str | None, paths: tuple[str, ...] = (), **overrides: object):  # -> Config
    from linter.config import discover, load_config

    config = load_config(Path(config_path)) if config_path else discover(paths)
    return config.replace(**overrides)


def _common(function):
    """Options shared by `check` and `baseline write`."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True), default=None,
                     help="Config file [default: nearest .hushlint.yaml or pyproject.toml [tool.hushlint]]."),
        click.option("--model", default=None, help="Installed spaCy model to use."),
        click.option("--select", multiple=True, help="Only these rules (id or name); repeatable."),
        click.option("--ignore", multiple=True, help="Skip these rules (id or name); repeatable."),
        click.option("--syntax", type=click.Choice(["auto", "text", "markdown", "html"]), default="auto",
                     show_default=True, help="How to read files (auto: by file name; stdin is text)."),
        click.option("--max-chars", type=click.IntRange(min=1), default=None, help="Refuse longer drafts."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Worker processes for many files."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@main.command()
@_common
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: each input line is {\"id\": ..., \"text\": ...}.")
@click.option("--fail-on", type=click.Choice(LEVEL_NAMES), default=None,
              help="Exit 1 when a draft reaches this level [default: medium].")
@click.option("--redact/--no-redact", default=None,
              help="Mask flagged text in every output (default: on when $CI is set).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Ignore findings recorded in this baseline file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of stdout.")
def check(paths: tuple[str, ...], config_path: str | None, model: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], syntax: str, max_chars: int | None, jobs: int, fmt: str,
          input_format: str, fail_on: str | None, redact: bool | None, baseline_path: str | None,
          output: str | None) -> None:
    """Check drafts: PATHS are files or directories; '-' or nothing reads stdin."""
    from linter import runner
    from linter.api import Linter
    from linter.findings import mask_spans

    config = _config(config_path, paths, model=model, fail_on=Level.parse(fail_on) if fail_on else None,
                     select=select or None, ignore=ignore or None, max_chars=max_chars)
    if redact is None:
        redact = bool(os.environ.get("CI"))
    if input_format == "jsonl" and fmt == "text":
        fmt = "jsonl"
    linter = Linter(config)
    accepted = key = None
    if baseline_path:
        from linter import baseline

        accepted = baseline.load(Path(baseline_path))
        key = baseline.load_key(Path(baseline_path))
    drafts, total = _drafts(paths, input_format, config), 0
    if input_format == "text":
        from linter.inputs import expand, read

        items = expand(paths, config.include, config.exclude)  # names only: the bar needs a total
        drafts, total = (read(item, sys.stdin.buffer) for item in items), len(items)
    failed, errors, reports, texts = False, [], [], []
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        for draft, report in _progress(runner.run(linter, drafts, syntax, jobs), total):
            if report is None:
                errors.append(draft.error)
                click.echo(f"hushlint: error: {draft.error}", err=True)
            else:
                # mask every flagged span, also those a baseline is about to hide from the report
                shown = mask_spans(draft.text, report.findings) if redact else draft.text
                if accepted is not None:
                    from linter import baseline

                    report = baseline.apply(report, accepted, key)
                report = report.redacted() if redact else report  # once, before any reporter
                failed = failed or report.fails
            if fmt == "jsonl":
                from linter.report import render_jsonl_line

                ident = draft.id if draft.id is not None else draft.source
                out.write(render_jsonl_line(ident, report, draft.error) + "\n")
                out.flush()
            elif report is not None:
                reports.append(report)
                texts.append(shown)  # the html format marks findings up in place
        if fmt != "jsonl" and (reports or fmt != "text"):
            from linter.report import FORMATS

            color = fmt == "text" and output is None and sys.stdout.isatty()
            out.write(FORMATS[fmt](reports, errors, color=color, rules=linter.ruleset.rules, texts=texts) + "\n")
    finally:
        if output:
            out.close()
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failed else EXIT_OK)


def _progress(pairs: Iterator, total: int) -> Iterator:
    """A progress bar on stderr for long runs on a terminal; results pass through in order."""
    if total < 20 or not sys.stderr.isatty():
        yield from pairs
        return
    with click.progressbar(length=total, label="hushlint", file=sys.stderr) as bar:
        for pair in pairs:
            bar.update(1)
            yield pair


def _drafts(paths: tuple[str, ...], input_format: str, config) -> Iterator:
    from linter.inputs import Draft, read_jsonl, read_paths

    stdin = sys.stdin.buffer
    if input_format == "text":
        yield from read_paths(paths, stdin, config.include, config.exclude)
        return
    for path in paths or ("-",):
        if path == "-":
            yield from read_jsonl(stdin)
            continue
        try:
            with open(path, "rb") as handle:
                yield from read_jsonl(handle, path)
        except OSError as exc:
            yield Draft(path, error=f"{path}: cannot read ({exc.strerror or exc})")


@main.group()
def baseline() -> None:
    """Accept the findings of existing posts so that only new findings fail."""


@baseline.command("write")
@_common
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=".hushlint-baseline.json",
              show_default=True, help="Baseline file to write.")
def baseline_write(paths: tuple[str, ...], config_path: str | None, model: str | None,
                   select: tuple[str, ...], ignore: tuple[str, ...], syntax: str, max_chars: int | None,
                   jobs: int, output: str) -> None:
    """Record the findings of PATHS (keyed by HMAC, never plaintext) in a baseline file."""
    from linter import baseline as baseline_module
    from linter import runner
    from linter.api import Linter

    config = _config(config_path, paths, model=model, select=select or None, ignore=ignore or None,
                     max_chars=max_chars)
    linter = Linter(config)
    reports, errors = [], 0
    for draft, report in runner.run(linter, _drafts(paths, "text", config), syntax, jobs):
        if report is None:
            errors += 1
            click.echo(f"hushlint: error: {draft.error}", err=True)
        else:
            reports.append(report)
    count = baseline_module.write(Path(output), reports)
    click.echo(f"wrote {count} accepted findings from {len(reports)} files to {output}")
    click.echo(f"keep the HMAC key out of the repository: {baseline_module.KEY_FILE} or "
               f"${baseline_module.KEY_ENV} (a CI secret)")
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .hushlint.yaml.")
def init(force: bool) -> None:
    """Write a commented starter .hushlint.yaml in the current folder."""
    from linter.config import CONFIG_NAME, STARTER

    path = Path(CONFIG_NAME)
    if path.exists() and not force:
        raise HushlintError(f"{CONFIG_NAME} already exists (use --force to overwrite)")
    path.write_text(STARTER, encoding="utf-8")
    click.echo(f"wrote {CONFIG_NAME}")


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
    from linter.config import Config

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
    linter = Linter(Config().replace(model=model))
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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback must be given explicitly and warns.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--model", default=None, help="Installed spaCy model to use.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, open_browser: bool, model: str | None) -> None:
    """Start the local paste-a-draft page and print its URL."""
    from linter.server import serve as run_server

    explicit = ctx.get_parameter_source("host") is not click.core.ParameterSource.DEFAULT
    run_server(host=host, port=port, open_browser=open_browser, config=_config(None, model=model),
               host_explicit=explicit)
