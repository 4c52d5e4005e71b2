"""The tools translators run on catalogs leave presskit's editions as they were.

GNU ``msgmerge --previous`` (Poedit's "Update from POT", Weblate's msgmerge add-on),
``pybabel update``, a polib and a translate-toolkit load-and-save rewrap lines, reorder the header, drop
custom flags and rewrite ``#|`` lines. After each, on every catalog, ``presskit check``
finds no error, every entry means what it meant (translations, fuzzy state, previous
msgid, silenced rules) and the PDFs are the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from translate.storage import po as toolkit_po

from presskit.config import load_config
from presskit.findings import silenced_rules
from presskit.i18n.catalogs import catalog_path, read_catalog
from tests.conftest import copy_pack, run

EXCHANGE = Path(__file__).parent / "roots" / "exchange"
PYBABEL = Path(sys.executable).parent / "pybabel"
TOOLS = ("msgmerge", "pybabel", "polib")
# translate-toolkit's PO reader and writer too (Weblate saves catalogs through it).
EVERY_TOOL = (*TOOLS, "translate-toolkit")
EPOCH = "1480550400"


def run_tool(tool: str, pack: Path) -> None:
    """Run ``tool`` on every catalog of the pack, as a translator or Weblate would."""
    template = pack / "locales" / "presskit.pot"
    catalogs = sorted(pack.glob("locales/*/LC_MESSAGES/presskit.po"))
    assert catalogs
    if tool == "pybabel":
        command = [str(PYBABEL), "update", "-i", str(template), "-d", str(pack / "locales")]
        subprocess.run([*command, "-D", "presskit"], check=True, capture_output=True)
    for po in catalogs:
        if tool == "msgmerge":
            subprocess.run(
                [
                    "msgmerge",
                    "--previous",
                    "--quiet",
                    "--update",
                    "--backup=none",
                    str(po),
                    str(template),
                ],
                check=True,
            )
        elif tool == "polib":
            polib.pofile(str(po)).save(str(po))
        elif tool == "translate-toolkit":
            toolkit_po.pofile.parsefile(str(po)).save()


def meaning(pack: Path) -> dict[str, dict]:
    """What presskit reads from each catalog, entry by entry."""
    config = load_config(pack)
    found = {}
    for code in config.languages[1:]:
        path = catalog_path(config, code)
        catalog = read_catalog(path, code, code, pack)
        found[code] = {
            (m.context, m.id if isinstance(m.id, str) else tuple(m.id)): (
                m.string if isinstance(m.string, str) else tuple(m.string),
                m.fuzzy,
                tuple(m.previous_id or ()),
                silenced_rules(m.flags, m.user_comments),
            )
            for m in catalog
            if m.id
        }
        found[code]["obsolete"] = sorted(catalog.obsolete)
        found[code]["plurals"] = (catalog.num_plurals, catalog.plural_expr)
    return found


@pytest.mark.parametrize("tool", EVERY_TOOL)
@pytest.mark.parametrize("root", ["shipped", "exchange"])
@pytest.mark.slow
def test_tools_keep_what_presskit_reads(tool: str, root: str, tmp_path: Path) -> None:
    pack = copy_pack(tmp_path / "pack") if root == "shipped" else tmp_path / "exchange"
    if root == "exchange":
        shutil.copytree(EXCHANGE, pack)
    before = meaning(pack)
    texts = {p: p.read_bytes() for p in pack.glob("locales/*/LC_MESSAGES/presskit.po")}
    run_tool(tool, pack)
    if tool in ("msgmerge", "polib"):  # Babel writes them as presskit (Babel) does
        assert any(p.read_bytes() != data for p, data in texts.items())
    assert meaning(pack) == before
    result = run(pack, "check")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def pdf_hashes(pack: Path) -> dict[str, str]:
    """Build every translated edition's PDFs; each file's sha256."""
    languages = [a for code in load_config(pack).languages[1:] for a in ("--lang", code)]
    result = run(pack, "build", "--format", "pdf", *languages, "-j", str(os.cpu_count() or 1))
    assert result.exit_code == 0, result.output
    return {
        p.relative_to(pack).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((pack / "output").rglob("*.pdf"))
    }


@pytest.mark.slow
def test_tools_leave_the_pdfs_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One build from the untouched catalogs, one after each tool that changed them: the
    same PDF bytes. The English edition reads no catalog and is not built."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    expected = pdf_hashes(copy_pack(tmp_path / "untouched"))
    assert len(expected) >= 5 * 4  # every translated edition of every document
    for tool in TOOLS:
        pack = copy_pack(tmp_path / tool)
        untouched = {p: p.read_bytes() for p in pack.glob("locales/*/LC_MESSAGES/*.po")}
        run_tool(tool, pack)
        assert run(pack, "check").exit_code == 0
        if all(p.read_bytes() == data for p, data in untouched.items()):
            continue  # the same catalog bytes (pybabel writes them as presskit does)
        assert pdf_hashes(pack) == expected, tool
