"""What an edition's script asks of the page: faces, leading and habits, as CSS.

The page template puts ``css`` (custom properties) before the stylesheet and ``classes``
on the root element, so that a stylesheet never names a language or a script: it uses
``var(--text-font)``, ``var(--line-height)``… and the classes ``no-tracking`` (no added
letter-spacing: connected and caseless scripts), ``upright`` (no italic: emphasis is
bold), ``no-hyphens`` and ``no-justify`` (ragged lines: justifying would only stretch
the spaces around Latin runs); ``face-<Script>`` gives a name written in another script its
script's face.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from presskit.languages import LATIN, LIST_STYLES, Language, Script


@dataclass(frozen=True, slots=True)
class Typography:
    css: Markup  # face names are checked when the configuration is read: plain names only
    classes: str


def _families(*names: str) -> str:
    return ", ".join(f'"{name}"' for name in dict.fromkeys(names))


def typography(language: Language, name_scripts: Iterable[Script] = ()) -> Typography:
    """The edition's faces, leading and digits as CSS, and the classes of its root;
    ``name_scripts`` are the other scripts names from the data are written in."""
    script = language.script
    properties = {
        # The script's face first, the Latin face for what it lacks (names, figures).
        "--text-font": _families(script.font, LATIN.font),
        "--heading-font": _families(script.heading_font, LATIN.font),
        # Names, references and addresses: the Latin face first.
        "--latin-font": _families(LATIN.font, script.font),
        "--line-height": f"{script.line_height:g}",
        "--text-size": f"{script.size:g}",  # body text, relative to the Latin size
        "--heading-line-height": f"{script.heading_line_height:g}",
        # List numbers and page numbers count in the edition's digits.
        "--digits": LIST_STYLES.get(language.digits, "decimal"),
    }
    css = ":root { " + " ".join(f"{k}: {v};" for k, v in properties.items()) + " }"
    # What the text promises whatever the stylesheet: dates, references, addresses and
    # telephone numbers never broken; names and acronyms never hyphenated.
    css += " .nowrap { white-space: nowrap; hyphens: manual; }"
    css += " .name, .latin { hyphens: manual; }"
    if script.size != 1:  # Latin runs in the body keep the Latin size, as in the DOCX
        css += f" main .latin {{ font-size: {1 / script.size:.4f}em; }}"
    if script.keep_words:  # the writer wraps each word: lines break at spaces only
        css += " span.word { white-space: nowrap; }"
    for other in name_scripts:  # a name in its own script's face
        css += f" .face-{other.code} {{ font-family: {_families(other.font, LATIN.font)}; }}"
    classes = [f"script-{script.code}"]
    if not script.tracking:
        classes.append("no-tracking")
    if not script.italic:
        classes.append("upright")
    if not script.hyphenate:
        classes.append("no-hyphens")
    if not script.justify:
        classes.append("no-justify")
    return Typography(Markup(css), " ".join(classes))
