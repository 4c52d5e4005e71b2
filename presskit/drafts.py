"""`presskit email`: one ready-to-send draft per language, with that language's files."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from markupsafe import Markup

from presskit.config import Config
from presskit.content.model import Pack
from presskit.doctree import nodes
from presskit.doctree.inline import plain_text
from presskit.errors import ConfigError, Location
from presskit.packaging import commit_files, slug, up_to_date_pack
from presskit.render.html import HtmlBody
from presskit.render.registry import FORMATS
from presskit.render.text import PlainText
from presskit.reproducible import pack_timestamp

EMAIL_DIR = "email"


@dataclass(frozen=True, slots=True)
class Draft:
    path: Path
    size: int
    over_budget: bool
    missing: list[str]  # what the draft has no address for: the user adds it before sending


@dataclass(frozen=True, slots=True)
class Addresses:
    sender: str | None
    to: tuple[str, ...]
    cc: tuple[str, ...]
    reply_to: str | None


def write_drafts(
    config: Config,
    languages: list[str],
    output: Path | None = None,
    sender: str | None = None,
    to: tuple[str, ...] = (),
    allow_incomplete: bool = False,
    warn: Callable[[str], None] | None = None,
) -> list[Draft]:
    settings = config.email
    chosen = languages or list(config.languages)
    with up_to_date_pack(config, chosen, output, allow_incomplete, warn) as built:
        pack = built.pack
        release_id = settings.release or _release_document(pack)
        notes_id = settings.notes  # notes to editors only when the pack names them
        addresses = Addresses(
            sender or settings.sender, to or settings.to, settings.cc, settings.reply_to
        )
        budget = int(settings.size_budget_mb * 2**20)
        drafts = []
        files: list[tuple[str, bytes]] = []
        for language in dict.fromkeys(e["language"] for e in built.entries):
            release = built.project.tree(release_id, language)
            notes = built.project.tree(notes_id, language) if notes_id else None
            # The release first, as a journalist opens it first; then the pack's order.
            order = [release_id, *(d for d in config.documents if d != release_id)]
            attached = sorted(
                (e for e in built.entries if e["language"] == language),
                key=lambda e: (order.index(str(e["document"])), str(e["format"])),
            )
            message = compose(release, notes, addresses, pack)
            for entry in attached:
                maintype, subtype = FORMATS[str(entry["format"])].mime
                message.add_attachment(
                    built.read(entry),
                    maintype=maintype,
                    subtype=subtype,
                    filename=Path(str(entry["path"])).name,
                )
            # Set last: set_content() drops Content-* headers and make_mixed() moves them
            # into the first part.
            message["Content-Language"] = release.language.html_lang
            _fix_boundaries(message, language)
            data = message.as_bytes()
            name = f"{EMAIL_DIR}/{slug(config.name)}-{language}.eml"
            files.append((name, data))
            missing = [
                what
                for what, given in (
                    ("sender ([email] from or --from)", addresses.sender),
                    ("recipient ([email] to or --to)", addresses.to),
                )
                if not given
            ]
            drafts.append(Draft(built.folder.path / name, len(data), len(data) > budget, missing))
        commit_files(built.folder, files)
    return drafts


def _release_document(pack: Pack) -> str:
    """The pack's press release: its only document with a release line."""
    releases = [doc_id for doc_id, doc in pack.documents.items() if doc.release is not None]
    if len(releases) == 1:
        return releases[0]
    found = (
        f"{len(releases)} documents have one ({', '.join(releases)})"
        if releases
        else ("no document has one")
    )
    raise ConfigError(
        f"the e-mail needs one press release (a document with a release line) and {found}: "
        'name it with [email] release = "…"',
        Location("presskit.toml"),
    )


def opening(release: nodes.Document) -> list[nodes.Block]:
    """The release's opening paragraphs: everything before its first quote."""
    blocks: list[nodes.Block] = []
    for block in release.blocks:
        if not isinstance(block, nodes.Paragraph) or block.role not in (None, "lead"):
            break
        blocks.append(block)
    return blocks


def compose(
    release: nodes.Document, notes: nodes.Document | None, addresses: Addresses, pack: Pack
) -> EmailMessage:
    """Headers, and the plain-text and HTML bodies, of one language's draft."""
    message = EmailMessage()
    if addresses.sender:
        message["From"] = addresses.sender
    if addresses.to:
        message["To"] = ", ".join(addresses.to)
    if addresses.cc:
        message["Cc"] = ", ".join(addresses.cc)
    if addresses.reply_to:
        message["Reply-To"] = addresses.reply_to
    _set_subject(message, subject(release, pack))
    message["Date"] = format_datetime(pack_timestamp(pack))
    message["X-Unsent"] = "1"  # Thunderbird and Outlook open the file as a draft

    ends = _paragraph(release, "ends")
    contact = _paragraph(release, "contact")
    lead = opening(release)

    text = [release.release_line or "", release.title, plain_text(release.date_label), ""]
    text += [plain_text(b.children) + "\n" for b in lead]
    if ends:
        text += [plain_text(ends.children), ""]
    if notes:
        text += [notes.title.upper(), "", PlainText().blocks(notes.blocks), ""]
    if contact:
        text.append(plain_text(contact.children))
    message.set_content("\n".join(line for line in text if line is not None).strip() + "\n")

    body = HtmlBody(release)
    parts = (
        [Markup("<p><strong>{}</strong></p>").format(release.release_line)]
        if release.release_line
        else []
    )
    parts.append(
        Markup("<h1>{}</h1><p>{}</p>").format(release.title, body.inlines(release.date_label))
    )
    parts.append(body.blocks(lead))
    if ends:
        parts.append(body.visit(ends))
    if notes:
        parts.append(
            Markup("<h2>{}</h2>").format(notes.title) + HtmlBody(notes).blocks(notes.blocks)
        )
    if contact:
        parts.append(body.visit(contact))
    lang = release.language
    html = Markup(
        '<!DOCTYPE html><html lang="{}" dir="{}"><head><meta charset="utf-8"><title>{}</title>'
        '</head><body style="font-family: sans-serif">{}</body></html>'
    ).format(lang.html_lang, lang.direction, release.title, Markup("\n").join(parts))
    message.add_alternative(str(html), subtype="html")
    return message


def subject(release: nodes.Document, pack: Pack) -> str:
    """The release's headline, after its release line when it is under embargo: a
    newsdesk must see the embargo before opening the message. "For immediate release"
    is what any release that arrives means, so it does not push the headline aside."""
    title = " ".join(release.title.split())  # a header is one line
    source = pack.documents.get(release.id)
    embargoed = source is not None and source.release is not None and source.release.embargoed
    if not (embargoed and release.release_line):
        return title
    separator = release.language.script.colon
    return f"{release.release_line}{separator}{title}"


def _set_subject(message: EmailMessage, text: str) -> None:
    if text.isascii():
        message["Subject"] = text
        return
    # Python's own folding (before CPython gh-144156) leaves the space between two
    # encoded words outside them, where mail readers drop it: "19 أغسطس2023". The
    # older Header class keeps every space inside the encoded words.
    message.set_raw("Subject", Header(text, "utf-8", header_name="Subject").encode())


def _paragraph(doc: nodes.Document, role: str) -> nodes.Paragraph | None:
    for block in doc.blocks:
        if isinstance(block, nodes.Paragraph) and block.role == role:
            return block
    return None


def _fix_boundaries(message: EmailMessage, language: str) -> None:
    """MIME boundaries are random by default; derive them so that drafts are reproducible."""
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            seed = f"{language}/{index}".encode()
            part.set_boundary("presskit-" + hashlib.sha256(seed).hexdigest()[:24])
