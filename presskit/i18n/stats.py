"""Translation progress per language and document."""

from __future__ import annotations

import json
from dataclasses import dataclass

from presskit.build import missing_units
from presskit.config import Config
from presskit.content.loader import load_pack
from presskit.content.units import printed_units
from presskit.i18n.catalogs import existing_catalogs


@dataclass(frozen=True)
class Stats:
    language: str
    document: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def collect(config: Config) -> list[Stats]:
    pack = load_pack(config)
    rows: list[Stats] = []
    for loaded in existing_catalogs(config):
        code, catalog = loaded.language, loaded.catalog
        overall: dict[tuple[str | None, str], bool] = {}
        for document in config.documents:
            missing, total = missing_units(pack, loaded, document)
            fuzzy = sum(1 for u in missing if (m := loaded.entry(u)) is not None and m.fuzzy)
            rows.append(Stats(code, document, total - len(missing), fuzzy, len(missing) - fuzzy))
            for unit in printed_units(pack, document):
                overall[(unit.context, unit.msgid)] = unit not in missing
        missing_all = [key for key, done in overall.items() if not done]
        fuzzy_all = sum(
            1
            for ctx, msgid in missing_all
            if (m := catalog.get(msgid, context=ctx)) is not None and m.fuzzy
        )
        rows.append(
            Stats(
                code, ALL, len(overall) - len(missing_all), fuzzy_all, len(missing_all) - fuzzy_all
            )
        )
    return rows


ALL = "(all)"


def render_table(rows: list[Stats]) -> str:
    lines = [
        f"{'language':<9}{'document':<11}{'translated':>11}{'fuzzy':>7}{'untranslated':>14}{'done':>8}"
    ]
    for row in rows:
        lines.append(
            f"{row.language:<9}{row.document:<11}{row.translated:>11}{row.fuzzy:>7}"
            f"{row.untranslated:>14}{row.percent:>7.0f}%"
        )
    return "\n".join(lines)


def render_json(rows: list[Stats]) -> str:
    return json.dumps(
        [
            {
                "language": r.language,
                "document": r.document,
                "translated": r.translated,
                "fuzzy": r.fuzzy,
                "untranslated": r.untranslated,
                "total": r.total,
                "percent": round(r.percent, 1),
            }
            for r in rows
        ],
        indent=2,
    )
