"""`presskit check`: catalog and content QA over a whole pack."""

from __future__ import annotations

import json

from presskit.config import CONFIG_FILE, Config
from presskit.content.checks import RULES as CONTENT_RULES
from presskit.content.checks import check_content
from presskit.content.loader import load_pack
from presskit.errors import Location, PresskitError, UsageError
from presskit.findings import ERROR, Finding, from_error, sort_key
from presskit.glyph_check import RULES as GLYPH_RULES
from presskit.glyph_check import glyph_findings
from presskit.i18n.checks import RULES as CATALOG_RULES
from presskit.i18n.checks import check_catalog
from presskit.i18n.glossary import load_glossary

RULES = {**{f"content/{k}": v for k, v in CONTENT_RULES.items()}, **CATALOG_RULES}
RULES |= GLYPH_RULES


def run_checks(config: Config, languages: list[str] | None = None) -> list[Finding]:
    findings = check_content(config)
    translated = [c for c in config.languages if c != config.source_language]
    for code in languages or translated:
        if code not in translated:
            raise UsageError(
                f"no catalog to check for '{code}' (translations: {', '.join(translated)})"
            )
    try:
        pack = load_pack(config)
    except PresskitError:
        pack = None  # check_content has reported why
    try:
        glossary = load_glossary(config)
    except PresskitError as exc:
        glossary = None
        findings.append(from_error(exc, "glossary", Location(CONFIG_FILE)))
    for code in languages or translated:
        findings += check_catalog(config, code, pack, glossary)
    findings += glyph_findings(config, languages)
    return sorted(findings, key=sort_key)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def render(findings: list[Finding], as_json: bool) -> str:
    if as_json:
        return json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False)
    errors = sum(f.severity == ERROR for f in findings)
    lines = [str(f) for f in findings]
    lines.append(f"{errors} errors, {len(findings) - errors} warnings")
    return "\n".join(lines)
