"""The HTML writer: the document tree as the HTML page WeasyPrint typesets."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from presskit import theme
from presskit.config import ThemeSettings
from presskit.doctree import nodes
from presskit.doctree.keep import breakable_acronyms, hyphenated_words
from presskit.errors import Location, RenderError
from presskit.languages import LATIN, Language, Script
from presskit.render.base import Visitor
from presskit.render.linebreaks import segments
from presskit.render.typography import typography
from presskit.reproducible import build_timestamp
from presskit.safefs import read_pack_file

TEMPLATE = "document.html"


class HtmlBody(Visitor):
    """Blocks and inlines to HTML. Every text is escaped: translations are data."""

    def __init__(self, doc: nodes.Document) -> None:
        self.rtl = doc.language.rtl
        self.language = doc.language
        # Scripts of names printed in their own face (an Arabic choir in an English
        # edition): the stylesheet gets a face for each.
        self.name_scripts: dict[str, Script] = {}

    def blocks(self, blocks: Iterable[nodes.Block]) -> Markup:
        return Markup("\n").join(self.visit(block) for block in blocks)

    def inlines(self, inlines: Iterable[nodes.Inline]) -> Markup:
        return Markup("").join(self.visit(node) for node in inlines)

    # Blocks

    def visit_Heading(self, node: nodes.Heading) -> Markup:
        tag = "h2" if node.level == 1 else "h3"
        return Markup(f"<{tag}>{self.inlines(node.children)}</{tag}>")

    def visit_Paragraph(self, node: nodes.Paragraph) -> Markup:
        css = f' class="{node.role}"' if node.role else ""
        return Markup(f"<p{css}>{self.inlines(node.children)}</p>")

    def visit_Quote(self, node: nodes.Quote) -> Markup:
        paragraphs = "".join(f"<p>{self.inlines(p)}</p>" for p in node.paragraphs)
        return Markup(
            f'<figure class="quote"><blockquote>{paragraphs}</blockquote>'
            f"<figcaption>{self.inlines(node.attribution)}</figcaption></figure>"
        )

    def visit_BulletList(self, node: nodes.BulletList) -> Markup:
        items = "".join(f"<li>{self.inlines(item)}</li>" for item in node.items)
        return Markup(f"<ul>{items}</ul>")

    def visit_EntryList(self, node: nodes.EntryList) -> Markup:
        items = []
        for entry in node.entries:
            marks = "".join(f'<sup class="mark">{escape(m)}</sup>' for m in entry.marks)
            name = self.isolated(entry.name, entry.language)
            items.append(f'<li value="{entry.number}">{name}{marks}</li>')
        footnotes = "".join(
            f'<p class="footnote"><sup class="mark">{escape(f.mark)}</sup>'
            f"{self.inlines(f.text)}</p>"
            for f in node.footnotes
        )
        return Markup(
            f'<section class="entry-list list-{escape(node.name)}">'
            f"<h2>{self.inlines(node.heading)}</h2>"
            f'<ol class="entries">{"".join(items)}</ol>{footnotes}</section>'
        )

    # Inlines

    def visit_Text(self, node: nodes.Text) -> Markup:
        if node.keep == "whole":  # a date: on one line
            return Markup(f'<span class="nowrap">{escape(node.text)}</span>')
        text = self.text(node.text)
        if node.keep == "name":  # a name or an acronym: never hyphenated
            return Markup(f'<span class="name">{text}</span>')
        return text

    def text(self, text: str) -> Markup:
        """Running text, with the line-break opportunities of its script."""
        if self.language.script.word_breaks:  # no spaces between words: mark the breaks
            pieces = segments(text, self.language.locale)
            return Markup("<wbr>").join(escape(piece) for piece in pieces)
        if self.language.script.keep_words:  # break at spaces only, never inside a word
            return Markup("").join(
                Markup(f'<span class="word">{escape(part)}</span>')
                if part.strip()
                else escape(part)
                for part in _SPACES.split(text)
                if part
            )
        return escape(text)

    def visit_Emph(self, node: nodes.Emph) -> Markup:
        return Markup(f"<em>{self.inlines(node.children)}</em>")

    def visit_Strong(self, node: nodes.Strong) -> Markup:
        return Markup(f"<strong>{self.inlines(node.children)}</strong>")

    def visit_Link(self, node: nodes.Link) -> Markup:
        return Markup(f'<a href="{escape(node.url)}">{self.inlines(node.children)}</a>')

    def visit_InLanguage(self, node: nodes.InLanguage) -> Markup:
        language = node.language
        return Markup(
            f'<span lang="{language.html_lang}" dir="{language.direction}">'
            f"{self.inlines(node.children)}</span>"
        )

    def visit_Isolate(self, node: nodes.Isolate) -> Markup:
        return self.isolated(node.text, node.language, node.whole, node.name)

    def isolated(
        self, text: str, language: Language | None = None, whole: bool = False, name: bool = False
    ) -> Markup:
        """A run that is never hyphenated, tagged with its language when known: in the
        Latin face, or a name written in another script in that script's face and
        direction; bidi-isolated wherever its direction could mix with the text's."""
        lang = ""
        if language is not None and language.html_lang != self.language.html_lang:
            lang = f' lang="{language.html_lang}"'
        script = language.script if language is not None else LATIN
        if script.code != LATIN.code:
            assert language is not None
            inner = _kept(text, hyphenated_words) if name else escape(text)
            classes, direction = "name", language.direction
            if script.code != self.language.script.code:
                self.name_scripts[script.code] = script
                classes += f" face-{script.code}"
        else:
            # References, addresses and telephone numbers are never broken across
            # lines; a name may be, between its words, but not inside an acronym.
            classes = "latin nowrap" if whole else "latin"
            inner = escape(text) if whole else _kept(text, breakable_acronyms)
            if name:  # a name of the names file: nor at a hyphen
                inner = _kept(text, hyphenated_words)
            direction = "ltr"
        if self.rtl or direction == "rtl":
            return Markup(f'<bdi dir="{direction}" class="{classes}"{lang}>{inner}</bdi>')
        return Markup(f'<span class="{classes}"{lang}>{inner}</span>')


_SPACES = re.compile(r"(\s+)")


def _kept(text: str, pieces: Callable[[str], list[tuple[str, bool]]]) -> Markup:
    """``text`` with the pieces ``pieces`` finds on one line each."""
    return Markup("").join(
        Markup(f'<span class="nowrap">{escape(piece)}</span>') if kept else escape(piece)
        for piece, kept in pieces(text)
    )


class PackTemplateLoader(jinja2.BaseLoader):
    """Templates of one folder: regular files inside it, read with the pack's limits.

    The sandbox stops a template from calling unsafe code, not ``{% include %}`` or
    ``{% extends %}``: this loader is what keeps those inside the templates folder (the
    pack's, or the theme's behind it).
    """

    def __init__(self, folder: Path, pack_root: Path) -> None:
        self.folder = folder
        self.pack_root = pack_root

    def get_source(self, environment: jinja2.Environment, template: str):  # type: ignore[no-untyped-def]
        parts = template.replace("\\", "/").split("/")
        if any(part in ("", ".", "..") for part in parts) or "\x00" in template:
            raise jinja2.TemplateNotFound(template)
        path = self.folder.joinpath(*parts)
        if not path.exists() and not path.is_symlink():
            raise jinja2.TemplateNotFound(template)
        shown = theme.shown(path, self.pack_root)
        data = read_pack_file(path, self.folder, shown, "template", RenderError)
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise RenderError("template is not valid UTF-8 text", Location(shown)) from None
        return source, str(path), lambda: False


class _PackSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with arithmetic bounded too: a template cannot build a
    gigabyte string or an enormous power to exhaust the machine."""

    intercepted_binops = frozenset(("*", "**"))
    MAX_SIZE = 1_000_000

    def call_binop(self, context, operator, left, right):  # type: ignore[no-untyped-def]
        if operator == "**" and _power_bits(left, right) > 4096:
            raise SecurityError("power too large")
        if operator == "*":
            for count, item in ((left, right), (right, left)):
                repeated = isinstance(count, int) and hasattr(item, "__len__")
                if repeated and count * len(item) > self.MAX_SIZE:
                    raise SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)


def _power_bits(base: object, exponent: object) -> float:
    """About how many bits ``base ** exponent`` takes (0 when it is small or not ints)."""
    if not isinstance(base, int) or not isinstance(exponent, int) or exponent <= 0:
        return 0.0
    return exponent * math.log2(abs(base)) if abs(base) > 1 else 0.0


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory, keyed by file and by the source's checksum: a
    worker compiles its template once for all its documents (compiling took longer than
    rendering), and an edited template, read again for every page, is compiled anew."""

    LIMIT = 64  # templates kept; a long `serve` session sees many edits

    def __init__(self) -> None:
        self.compiled: dict[tuple[str, str], object] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code  # type: ignore[assignment]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if len(self.compiled) >= self.LIMIT:
            self.compiled.clear()
        self.compiled[(bucket.key, bucket.checksum)] = bucket.code


_compiled = _CompiledTemplates()


def environment(templates_dir: Path, pack_root: Path) -> jinja2.Environment:
    """The sandbox, loading each template from the pack's folder, else from the theme's."""
    loaders = [PackTemplateLoader(folder, pack_root) for folder in theme.folders(templates_dir)]
    return _PackSandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=_compiled,
    )


def render_html(
    doc: nodes.Document,
    templates_dir: Path,
    pack_root: Path,
    settings: ThemeSettings | None = None,
    *,
    body: HtmlBody | None = None,
    logo_url: str | None = None,
) -> str:
    """The complete HTML page of a document; template errors name file and line.

    ``body`` writes the tree (the live preview's marks untranslated units) and
    ``logo_url`` is where a browser gets the logo; by default, the file URL that
    WeasyPrint's fetcher allows.
    """
    body = body or HtmlBody(doc)
    page = theme.find(templates_dir, TEMPLATE)
    try:
        template = environment(templates_dir, pack_root).get_template(TEMPLATE)
        return template.render(
            doc=doc,
            body=body.blocks(doc.blocks),
            index_label=body.inlines(doc.index_label),
            kind=body.inlines(doc.kind_label) if doc.kind_label else doc.kind,
            date_label=body.inlines(doc.date_label),
            labels={key: body.inlines(text) for key, text in doc.labels},
            theme=_theme_context(settings or ThemeSettings(), logo_url),
            typography=typography(doc.language, body.name_scripts.values()),
            keywords=", ".join((doc.reference, doc.kind, doc.pack_title)),
            # The document's own date, or SOURCE_DATE_EPOCH: never the time of the build.
            timestamp=build_timestamp(dt.date.fromisoformat(doc.date)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
        )
    except jinja2.TemplateSyntaxError as exc:
        path = Path(exc.filename) if exc.filename else page
        raise RenderError(
            f"template error: {exc.message}", Location(theme.shown(path, pack_root), exc.lineno)
        ) from None
    except SecurityError as exc:
        raise RenderError(
            f"template refused: {exc} (templates are data: they cannot call code)",
            _template_location(exc, templates_dir, pack_root, page),
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        raise RenderError(
            f"template error: {exc}", _template_location(exc, templates_dir, pack_root, page)
        ) from None
    except RecursionError:
        raise RenderError(
            "template error: templates include each other without end",
            Location(theme.shown(page, pack_root)),
        ) from None


def _theme_context(settings: ThemeSettings, logo_url: str | None) -> dict[str, str | None]:
    """[theme] as the page template sees it: the logo as the URL the fetcher allows."""
    logo = None
    if settings.logo:
        logo = logo_url or settings.logo.resolve().as_uri()
    return {"organisation": settings.organisation, "accent": settings.accent, "logo": logo}


def _template_location(
    exc: BaseException, templates_dir: Path, pack_root: Path, page: Path
) -> Location:
    """The template file and line an error was raised at: Jinja rewrites tracebacks so
    that its frames carry the template's name and line."""
    folders = tuple(str(folder) for folder in theme.folders(templates_dir))
    found = None
    trace = exc.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.startswith(folders):
            found = Location(theme.shown(Path(filename), pack_root), trace.tb_lineno)
        trace = trace.tb_next
    return found or Location(theme.shown(page, pack_root))
