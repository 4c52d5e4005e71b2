"""How a build's jobs are handed to its worker processes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from presskit import workers
from presskit.cli import cli, main
from presskit.errors import Location, RenderError
from presskit.workers import Job, tasks
from tests.conftest import REPO

# A pack of five languages, two documents, two formats; a PDF costs five DOCX, and the
# long document ten short ones. The languages' scripts cost alike here.
LANGUAGES = ("sw", "ta", "ko", "de", "am")
JOBS = [
    Job(document, language, fmt)
    for language in LANGUAGES
    for document in ("report", "summary")
    for fmt in ("pdf", "docx")
]


def cost(job: Job) -> float:
    size = 10 if job.document == "report" else 1
    return (5 if job.format == "pdf" else 1) * size * (1 + LANGUAGES.index(job.language) / 10)


def test_every_job_is_handed_out_once() -> None:
    handed = [job for task in tasks(JOBS, 2, cost) for job in task]
    assert sorted(handed, key=JOBS.index) == JOBS


def test_a_language_goes_to_one_worker_except_the_cheapest_ones() -> None:
    # The three dearest languages whole (one worker builds each tree once for both
    # formats), the two cheapest job by job, to even out the end of the build.
    handed = tasks(JOBS, 2, cost)
    whole = [task for task in handed if len(task) > 1]
    assert [{job.language for job in task} for task in whole] == [{"am"}, {"de"}, {"ko"}]
    assert all(len(task) == 4 for task in whole)
    singles = [task[0] for task in handed if len(task) == 1]
    assert {job.language for job in singles} == {"ta", "sw"}
    assert len(singles) == 8


def test_longest_first() -> None:
    handed = tasks(JOBS, 2, cost)
    totals = [sum(map(cost, task)) for task in handed]
    whole = [total for task, total in zip(handed, totals, strict=True) if len(task) > 1]
    singles = [total for task, total in zip(handed, totals, strict=True) if len(task) == 1]
    assert whole == sorted(whole, reverse=True)
    assert singles == sorted(singles, reverse=True)
    assert handed[len(whole)] == [Job("report", "ta", "pdf")]  # the dearest single job first
    for task in handed[: len(whole)]:  # within a language, its PDF of the long document first
        assert [cost(job) for job in task] == sorted(map(cost, task), reverse=True)


def test_no_more_languages_than_workers_goes_job_by_job() -> None:
    two = [job for job in JOBS if job.language in ("sw", "ta")]
    assert all(len(task) == 1 for task in tasks(two, 2, cost))
    assert all(len(task) == 1 for task in tasks(JOBS, 8, cost))


# Errors raised while rendering, in the render thread of the build's process or of a
# worker, reach the user as they would from the build itself.

ORCHARD = REPO / "tests/roots/rebuilds"  # a pack of two languages and three documents


@pytest.fixture
def orchard(tmp_path: Path) -> Path:
    return Path(
        shutil.copytree(ORCHARD, tmp_path / "pack", ignore=shutil.ignore_patterns("output"))
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_render_error_is_one_line_and_leaves_no_output(
    orchard: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    real = workers.render

    def refusing(config, tree, fmt):  # type: ignore[no-untyped-def]
        if tree.language.code == "de" and fmt == "pdf":
            raise RenderError("the sample refuses German PDFs", Location("templates/style.css"))
        return real(config, tree, fmt)

    monkeypatch.setattr(workers, "render", refusing)
    result = CliRunner().invoke(cli, ["--project", str(orchard), "build", "-j", jobs])
    assert result.exit_code != 0
    assert result.output.strip().splitlines()[-1] == (
        "presskit: templates/style.css: the sample refuses German PDFs"
    )
    assert not (orchard / "output").exists() or not list((orchard / "output").rglob("*.pdf"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_in_a_render_is_reported_as_one(
    orchard: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    def broken(config, tree, fmt):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug in a writer")

    monkeypatch.setattr(workers, "render", broken)
    monkeypatch.setattr(sys, "argv", ["presskit", "--project", str(orchard), "build", "-j", jobs])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 70
    err = capsys.readouterr().err.strip()
    assert err.startswith("presskit: internal error: ZeroDivisionError: a bug in a writer ("), err
    saved = Path(err.split("saved to ", 1)[1].split(";", 1)[0])
    assert "ZeroDivisionError" in saved.read_text()
    saved.unlink()
