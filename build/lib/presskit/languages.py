"""What presskit knows about each language it can typeset."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    """A language edition's typographic and locale settings."""

    code: str  # the pack's code: directory names, --lang, catalogs
    locale: str  # Babel locale for dates, numbers and plural rules
    html_lang: str  # BCP 47 tag for HTML lang and PDF /Lang
    word_lang: str  # tag for DOCX w:lang
    direction: str  # "ltr" or "rtl"
    script: str  # "latin", "cyrillic", "arabic", "cjk": which w:rFonts slot carries it
    font: str  # text face, named explicitly: never left to fontconfig fallback
    font_package: str  # Debian package that provides it
    # How long its pages take to lay out relative to Latin text (large fonts, shaping):
    # only used to start the longest jobs first.
    layout_cost: float = 1.0

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


_SANS = ("Noto Sans", "fonts-noto-core")

LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "en_GB", "en", "en-GB", "ltr", "latin", *_SANS),
        Language("fr", "fr_FR", "fr", "fr-FR", "ltr", "latin", *_SANS),
        Language("es", "es_ES", "es", "es-ES", "ltr", "latin", *_SANS),
        Language("ru", "ru_RU", "ru", "ru-RU", "ltr", "cyrillic", *_SANS),
        Language(
            "ar",
            "ar",
            "ar",
            "ar-SA",
            "rtl",
            "arabic",
            "Noto Naskh Arabic",
            "fonts-noto-core",
            layout_cost=1.5,
        ),
        Language(
            "zh",
            "zh_Hans_CN",
            "zh-Hans",
            "zh-CN",
            "ltr",
            "cjk",
            "Noto Sans CJK SC",
            "fonts-noto-cjk",
            layout_cost=3.0,
        ),
    )
}

# The Latin face used for names, references and addresses inside any edition.
LATIN_FONT = _SANS[0]
