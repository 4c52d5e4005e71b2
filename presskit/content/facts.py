"""The facts file: figures and dates, contacts and spokespeople."""

from __future__ import annotations

from typing import Any

from presskit.content import schema
from presskit.content.documents import NOTES_KEYS
from presskit.content.figures import is_reserved
from presskit.content.model import Contact, Figure, Speaker
from presskit.content.yamlfile import LDict, Location
from presskit.errors import ContentError

FACTS_FILE = "facts.yaml"

FACTS_KEYS = {"figures", "dates", "contacts", "spokespeople"} | NOTES_KEYS


def _facts(data: Any) -> LDict:
    where = getattr(data, "location", Location("?"))
    return schema.mapping(data, "the facts file", where, FACTS_KEYS)


def parse_figures(data: Any, taken: set[str] = frozenset()) -> dict[str, Figure]:
    """The figures and dates of the facts file; ``taken`` are the lists' count names."""
    facts = _facts(data)
    figures: dict[str, Figure] = {}
    for section, parse_value in (("figures", schema.integer), ("dates", schema.date)):
        entries = _section(facts, section)
        for name, entry in entries.items():
            what = f"{section[:-1]} '{name}'"
            item = schema.mapping(entry, what, facts.location, {"value", "description", "source"})
            value = parse_value(schema.required(item, "value", what), "value", item.location)
            description = schema.text(
                schema.required(item, "description", what), "description", item.location
            )
            if is_reserved(str(name)) or name in taken or name in figures:
                raise ContentError(
                    f"'{name}' is already a placeholder name", entries.key_locations[name]
                )
            figures[str(name)] = Figure(str(name), value, str(description))
    return figures


def _section(facts: LDict, name: str) -> LDict:
    """A mapping section of the facts file (empty when absent)."""
    if name not in facts:
        return LDict()
    entries = facts[name]
    return schema.mapping(
        entries,
        f"'{name}'",
        facts.key_locations[name],
        set(entries) if isinstance(entries, dict) else set(),
    )


def parse_contacts(data: Any) -> dict[str, Contact]:
    facts = _facts(data)
    contacts: dict[str, Contact] = {}
    for name, entry in _section(facts, "contacts").items():
        what = f"contact '{name}'"
        item = schema.mapping(entry, what, facts.location, {"email", "phones", "source"})
        email = schema.text(schema.required(item, "email", what), "email", item.location)
        if "@" not in email or " " in email:
            raise ContentError(f"'{email}' is not an e-mail address", email.location)
        listed = schema.sequence(item.get("phones", []), "phones", item.location)
        phones = [schema.text(p, "phone", item.location) for p in listed]
        contacts[str(name)] = Contact(
            str(email),
            tuple(str(p) for p in phones),
            email.location,
            tuple(p.location for p in phones),
        )
    return contacts


def parse_speakers(data: Any) -> dict[str, Speaker]:
    facts = _facts(data)
    speakers: dict[str, Speaker] = {}
    for key, entry in _section(facts, "spokespeople").items():
        what = f"spokesperson '{key}'"
        item = schema.mapping(
            entry, what, facts.location, {"name", "title", "organisation", "lang"}
        )
        name = schema.text(schema.required(item, "name", what), "name", item.location)
        title = schema.unit(schema.required(item, "title", what), "title", item.location)
        organisation = schema.text(
            schema.required(item, "organisation", what), "organisation", item.location
        )
        speakers[str(key)] = Speaker(
            name=str(name),
            title=title,
            organisation=str(organisation),
            name_location=name.location,
            organisation_location=organisation.location,
            language=schema.language(item, what),
        )
    return speakers
