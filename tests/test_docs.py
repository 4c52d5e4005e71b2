"""Every example of docs/content.md builds.

An example is a fenced block whose info string names where it goes: a file of the pack
(``presskit.toml``, ``content/<name>.yaml``, ``templates/labels.yaml``) or ``body``
(blocks added to the statement's body). The first complete configuration, statement,
facts and list files make the base pack; each example is applied to a fresh copy of it
(a ``presskit.toml`` example is merged table by table, a file replaces the base's) and
the pack is built in its source language, in both formats.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from presskit.content.references import PRESETS
from tests.conftest import REPO, pdftotext, run

DOC = REPO / "docs" / "content.md"
FENCE = re.compile(r"^```(?P<lang>\w+)(?: (?P<target>\S+))?\n(?P<body>.*?)^```$", re.M | re.S)
BASE_FILES = (
    "content/statement.yaml",
    "content/facts.yaml",
    "content/members.yaml",
    "content/names.yaml",
)


def examples() -> list[tuple[str, str, str]]:
    """(language, target, text) of each fenced block of the document."""
    return [
        (m["lang"], m["target"] or "", m["body"]) for m in FENCE.finditer(DOC.read_text("utf-8"))
    ]


def first(target: str) -> str:
    return next(body for _, where, body in examples() if where == target)


def test_every_yaml_and_toml_example_says_where_it_goes() -> None:
    found = examples()
    assert len(found) >= 15
    for language, target, body in found:
        if language in ("yaml", "toml"):
            assert target, body
            assert target == "body" or re.fullmatch(r"[\w./-]+\.(yaml|toml)", target)


def toml_text(data: dict[str, Any], prefix: str = "") -> str:
    """A TOML file of the simple values the examples use."""
    lines: list[str] = []
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    for key, value in data.items():
        if not isinstance(value, dict):
            lines.append(f"{key} = {toml_value(value)}")
    for key, value in tables.items():
        name = f"{prefix}{key}"
        lines.append(f"\n[{name}]")
        lines.append(toml_text(value, f"{name}."))
    return "\n".join(lines)


def toml_value(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


def base_pack(folder: Path) -> Path:
    (folder / "content").mkdir(parents=True)
    for name in BASE_FILES:
        (folder / name).write_text(first(name), encoding="utf-8")
    (folder / "presskit.toml").write_text(first("presskit.toml"), encoding="utf-8")
    return folder


def apply(pack: Path, target: str, body: str) -> None:
    if target == "presskit.toml":
        config = tomllib.loads((pack / target).read_text(encoding="utf-8"))
        config = merged(config, tomllib.loads(body))
        (pack / target).write_text(toml_text(config) + "\n", encoding="utf-8")
        preset = PRESETS.get(config.get("references", {}).get("pattern", ""))
        if preset is not None:  # the base's references take the preset's form
            statement = pack / "content" / "statement.yaml"
            text = statement.read_text(encoding="utf-8")
            year = re.search(r"date: (\d{4})", text)[1]
            example = re.sub(r"\d{4}$", year, preset.example)
            statement.write_text(re.sub(r"reference: .*", f"reference: {example}", text), "utf-8")
    elif target == "body":
        statement = pack / "content" / "statement.yaml"
        data = yaml.safe_load(statement.read_text(encoding="utf-8"))
        data["body"] += yaml.safe_load(body)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        statement.write_text(text, encoding="utf-8")
    else:
        (pack / target).parent.mkdir(parents=True, exist_ok=True)
        (pack / target).write_text(body, encoding="utf-8")


CASES = [(target, body) for lang, target, body in examples() if lang in ("yaml", "toml")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("target", "body"),
    CASES,
    ids=[f"{n}-{target}" for n, (target, _) in enumerate(CASES, start=1)],
)
def test_the_example_builds(tmp_path: Path, target: str, body: str) -> None:
    pack = base_pack(tmp_path / "varen")
    apply(pack, target, body)
    source = tomllib.loads((pack / "presskit.toml").read_text("utf-8"))["pack"]["source_language"]
    result = run(pack, "build", "--lang", source)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output
    out = pack / "output" / source
    (pdf,) = out.glob("*.pdf")
    (word,) = out.glob("*.docx")
    assert pdftotext(pdf).strip()
    assert docx.Document(str(word)).paragraphs


def test_the_documented_labels_are_the_themes() -> None:
    """The label table lists every label of the default theme, with its text."""
    from presskit.content.labels import parse_labels
    from presskit.content.yamlfile import load_yaml
    from presskit.theme import THEME_DIR

    theme = THEME_DIR / "labels.yaml"
    labels = parse_labels(load_yaml(theme, "labels.yaml", THEME_DIR))
    text = DOC.read_text(encoding="utf-8")
    for key, unit in labels.items():
        assert f"| `{key}` | {unit.msgid} |" in text, key


def test_the_documented_rules_are_presskits() -> None:
    from presskit.check import RULES

    text = DOC.read_text(encoding="utf-8")
    for rule, (severity, _) in RULES.items():
        assert f"| `{rule}` | {severity} |" in text, rule


@pytest.mark.parametrize("name", ["locales/glossary.csv", "locales/glossary.tbx"])
def test_the_glossary_examples_check_a_translation(tmp_path: Path, name: str) -> None:
    """Each documented glossary reads, and asks French for its form of the base
    statement's term."""
    from presskit.config import load_config
    from presskit.i18n.glossary import TermCheck, load_glossary
    from presskit.languages import resolve

    pack = base_pack(tmp_path / "varen")
    (text,) = [body for _, target, body in examples() if target == name]
    apply(pack, name, text)
    glossary = load_glossary(load_config(pack))
    assert glossary is not None and glossary.shown == name
    terms = TermCheck(glossary, resolve("en"), resolve("fr"))
    source = first("content/statement.yaml").split("text: ")[1].splitlines()[0]
    assert "abstraction limit" in source
    assert not list(terms.problems(source, "Les groupes demandent un plafond de prélèvement."))
    (problem,) = terms.problems(source, "Les groupes demandent une limite de prélèvement.")
    assert problem[1].startswith("'abstraction limit' must be translated 'plafond* de prélèvement'")
    assert "glossary" not in run(pack, "check").output  # the file reads without an error
