"""The command line: parse options, call the library, map errors to exit codes."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

from presskit import __version__
from presskit.config import Config, find_root, is_address, load_config
from presskit.errors import PresskitError, UsageError, relative
from presskit.render.registry import FORMATS


class Context:
    def __init__(self, project: Path | None) -> None:
        self.project = project

    def config(self) -> Config:
        if self.project is not None and not (self.project / "presskit.toml").is_file():
            raise UsageError(f"--project {self.project}: no presskit.toml there")
        root = self.project or find_root(Path.cwd())
        if root is None:
            raise UsageError("no presskit.toml here or above: run inside a pack or pass --project")
        return load_config(root)


pass_context = click.make_pass_decorator(Context)

# Every command that builds accepts it: a partial translation can still be sent, marked.
ALLOW_INCOMPLETE = click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Build documents whose translation is incomplete, with source text for the gaps.",
)


class Group(click.Group):
    """A click group whose command-line mistakes print as one line, like every error."""

    def make_context(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().make_context(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `presskit i18n` alone: click prints the group's help
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except (PresskitError, click.exceptions.NoArgsIsHelpError):
            raise
        except click.UsageError as exc:
            raise _one_line(exc) from None


def _one_line(exc: click.UsageError) -> UsageError:
    command = exc.ctx.command_path if exc.ctx else "presskit"
    return UsageError(f"{exc.format_message()} (see '{command} --help')")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    help="The pack's folder (default: the nearest folder with a presskit.toml).",
)
@click.version_option(__version__, prog_name="presskit")
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """Build a multilingual press pack: PDF and DOCX in every language."""
    ctx.obj = Context(project)


@cli.command()
@click.option("--lang", "languages", multiple=True, help="Language to build (repeatable).")
@click.option("--doc", "documents", multiple=True, help="Document to build (repeatable).")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(FORMATS)),
    help="Format to build (repeatable).",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: the pack's).",
)
@ALLOW_INCOMPLETE
@click.option(
    "-j",
    "--jobs",
    "workers",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per core).",
)
@click.option("--force", is_flag=True, help="Rebuild every file, even those up to date.")
@pass_context
def build(
    obj: Context,
    languages: tuple[str, ...],
    documents: tuple[str, ...],
    formats: tuple[str, ...],
    output: Path | None,
    allow_incomplete: bool,
    workers: int | None,
    force: bool,
) -> None:
    """Render the pack into <output>/<lang>/ and write <output>/manifest.json.

    Files whose inputs have not changed since they were built are kept as they are.
    """
    from presskit.build import build as run_build
    from presskit.build import plan
    from presskit.report import Reporter

    config = obj.config()
    jobs = plan(config, languages, documents, formats)
    reporter = Reporter(sys.stderr)
    result = run_build(
        config,
        jobs,
        output,
        allow_incomplete=allow_incomplete,
        progress=reporter.progress,
        workers=workers or os.cpu_count() or 1,
        force=force,
    )
    reporter.summary(result, config.root)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def new(directory: Path) -> None:
    """Start a pack in DIRECTORY (new or empty): a sample document, ready to build."""
    from presskit.newpack import new_pack

    for path in new_pack(directory):
        click.echo(f"created {path}")
    click.echo(
        f"next: edit presskit.toml and content/ in {directory}, then run 'presskit build' "
        "there (its README.md says more)"
    )


@cli.command()
@click.option("--lang", "languages", multiple=True, help="Language to preview (repeatable).")
@click.option("--doc", "documents", multiple=True, help="Document to preview (repeatable).")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the HTML files (default: <output>/preview).",
)
@ALLOW_INCOMPLETE
@pass_context
def preview(
    obj: Context,
    languages: tuple[str, ...],
    documents: tuple[str, ...],
    output: Path | None,
    allow_incomplete: bool,
) -> None:
    """Write the HTML each PDF is typeset from, to open in a browser."""
    from presskit.build import plan
    from presskit.preview import write_previews

    config = obj.config()
    jobs = plan(config, languages, documents, ["pdf"])
    langs = list(dict.fromkeys(job.language for job in jobs))
    docs = list(dict.fromkeys(job.document for job in jobs))
    for path in write_previews(config, langs, docs, output, allow_incomplete):
        click.echo(relative(path, config.root))


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@pass_context
def serve(obj: Context, port: int) -> None:
    """Show every document in a browser, updated as you save; untranslated units marked."""
    from presskit.serve.server import serve as run_server

    run_server(obj.config(), port, click.echo)


@cli.command()
@click.option("--lang", "languages", multiple=True, help="Language of a draft (repeatable).")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder of the pack (default: the pack's); drafts go to <output>/email/.",
)
@click.option("--from", "sender", help="Sender address (default: [email] from).")
@click.option(
    "--to", "recipients", multiple=True, help="Recipient (repeatable; default: [email] to)."
)
@ALLOW_INCOMPLETE
@pass_context
def email(
    obj: Context,
    languages: tuple[str, ...],
    output: Path | None,
    sender: str | None,
    recipients: tuple[str, ...],
    allow_incomplete: bool,
) -> None:
    """Write one .eml draft per language with that language's PDF and DOCX attached."""
    from presskit.build import plan
    from presskit.drafts import write_drafts

    for address in (sender, *recipients):
        if address is not None and not is_address(address):
            raise UsageError(f"'{address}' is not an e-mail address")
    config = obj.config()
    langs = list(dict.fromkeys(job.language for job in plan(config, languages)))
    budget = config.email.size_budget_mb
    drafts = write_drafts(config, langs, output, sender, recipients, allow_incomplete, _warn)
    for draft in drafts:
        size = f"{draft.size / 2**20:.1f} MB"
        shown = relative(draft.path, config.root)
        click.echo(f"{shown}  {size}")
        for what in draft.missing:
            click.echo(f"warning: {shown} has no {what}", err=True)
        if draft.over_budget:
            click.echo(
                f"warning: {shown} is {size}, over the {budget:g} MB budget "
                "([email] size_budget_mb)",
                err=True,
            )


def _warn(warning: str) -> None:
    """A build's warning, as ``presskit build`` prints it."""
    click.echo(warning if " warning: " in warning else f"warning: {warning}", err=True)


@cli.command()
@click.option("--lang", "languages", multiple=True, help="Language to bundle (repeatable).")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder of the pack (default: the pack's); zips go to <output>/bundles/.",
)
@ALLOW_INCOMPLETE
@pass_context
def bundle(
    obj: Context, languages: tuple[str, ...], output: Path | None, allow_incomplete: bool
) -> None:
    """Write one zip per language and, when every language is bundled, one with all of
    them; each holds its manifest."""
    from presskit.build import plan
    from presskit.bundles import write_bundles

    config = obj.config()
    langs = list(dict.fromkeys(job.language for job in plan(config, languages)))
    for path in write_bundles(config, langs, output, allow_incomplete, _warn):
        click.echo(relative(path, config.root))


@cli.command()
@click.option("--lang", "languages", multiple=True, help="Catalog to check (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_context
def check(obj: Context, languages: tuple[str, ...], as_json: bool) -> None:
    """Check catalogs and content: placeholders, markup, numbers, references, figures."""
    from presskit.check import has_errors, render, run_checks

    findings = run_checks(obj.config(), list(languages) or None)
    click.echo(render(findings, as_json))
    if has_errors(findings):
        sys.exit(1)


@cli.command()
@pass_context
def doctor(obj: Context) -> None:
    """Check the fonts of every language and print the rendering libraries' versions."""
    from presskit.doctor import report

    config = obj.config()
    lines, healthy = report([config.language(code) for code in config.languages])
    click.echo("\n".join(lines))
    if not healthy:
        raise PresskitError("some editions cannot be typeset as intended (see above)")


@cli.command()
def languages() -> None:
    """List every language presskit can typeset: script, direction, face, installed."""
    from presskit.language_list import table, typesettable

    click.echo(table(typesettable()))
    click.echo(
        "\nAny regional or script variant CLDR knows is configured the same way "
        "(pt-BR, fr-CA, zh-Hant-TW, sr-Latn)."
    )


@cli.group(cls=Group)
def i18n() -> None:
    """Translation catalogs: extract, init, update, compile, stats, export, import."""


@i18n.command()
@pass_context
def extract(obj: Context) -> None:
    """Extract every translatable unit into locales/presskit.pot."""
    from presskit.i18n.workflow import extract_to_template

    config = obj.config()
    path, count = extract_to_template(config)
    click.echo(f"{relative(path, config.root)}: {count} messages")


@i18n.command()
@click.argument("language")
@pass_context
def init(obj: Context, language: str) -> None:
    """Start the catalog of LANGUAGE from the template."""
    from presskit.i18n.workflow import init as run_init

    config = obj.config()
    click.echo(f"created {relative(run_init(config, language), config.root)}")


@i18n.command()
@click.option("--lang", "languages", multiple=True, help="Catalog to update (default: all).")
@pass_context
def update(obj: Context, languages: tuple[str, ...]) -> None:
    """Merge the template into the catalogs (fuzzy matching; obsolete entries kept)."""
    from presskit.i18n.workflow import update as run_update

    config = obj.config()
    for path in run_update(config, list(languages) or None):
        click.echo(f"updated {relative(path, config.root)}")


@i18n.command(name="compile")
@pass_context
def compile_command(obj: Context) -> None:
    """Write the .mo file of every catalog (builds compile in memory by themselves)."""
    from presskit.i18n.workflow import compile_all

    config = obj.config()
    for path in compile_all(config):
        click.echo(f"compiled {relative(path, config.root)}")


@i18n.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_context
def stats(obj: Context, as_json: bool) -> None:
    """Translated, fuzzy and untranslated units per language and document."""
    from presskit.i18n.stats import collect, render_json, render_table

    config = obj.config()
    rows = collect(config)
    click.echo(render_json(rows) if as_json else render_table(rows))


@i18n.command(name="export")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["xliff"]),
    default="xliff",
    show_default=True,
    help="Exchange format: XLIFF 1.2, which Trados, memoQ, Phrase and OmegaT import.",
)
@click.option("--lang", "languages", multiple=True, help="Catalog to export (default: all).")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the files (default: <output>/xliff).",
)
@pass_context
def export_command(
    obj: Context, file_format: str, languages: tuple[str, ...], output: Path | None
) -> None:
    """Write each catalog as an XLIFF file for a CAT tool: one file per language,
    placeholders and markup as protected tags, context, plural forms and comments kept.
    """
    from presskit.i18n.exchange import export_xliff

    config = obj.config()
    for path in export_xliff(config, list(languages), output):
        click.echo(relative(path, config.root))


@i18n.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def import_command(obj: Context, file: Path) -> None:
    """Merge a translated XLIFF FILE back into its language's catalog.

    Translations, their review state and translator comments are taken; a unit the
    catalog does not have, an altered or missing tag, or a wrong number of plural forms
    is refused, and the catalog is left as it was.
    """
    from presskit.i18n.exchange import import_xliff

    config = obj.config()
    path, changed = import_xliff(config, file)
    shown = relative(path, config.root)
    entries = "entry" if changed == 1 else "entries"
    click.echo(f"updated {shown}: {changed} {entries}" if changed else f"{shown}: unchanged")


def main() -> None:
    """Entry point: user errors print one line; a bug prints where its traceback went."""
    try:
        status = cli.main(prog_name="presskit", standalone_mode=False)
    except PresskitError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("presskit: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:  # a bug in presskit, not the user's input
        fd, path = tempfile.mkstemp(prefix="presskit-traceback-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            traceback.print_exc(file=handle)
        click.echo(
            f"presskit: internal error: {type(exc).__name__}: {exc} "
            f"(full traceback saved to {path}; please report it)",
            err=True,
        )
        sys.exit(70)
    sys.exit(status if isinstance(status, int) else 0)
