"""Render jobs, in parallel worker processes when there are several.

Workers are forked after the pack, its catalogs and the rendering libraries are
loaded, so each starts with everything in memory and keeps one WeasyPrint font
configuration for all its jobs. Each language's jobs go to one worker where the balance
of the build allows it (see ``tasks``).
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass

from presskit import errors
from presskit.config import Config
from presskit.content.model import ListBlock
from presskit.doctree.digest import tree_digest
from presskit.doctree.nodes import Document
from presskit.project import Project
from presskit.render.base import Rendered, output_name
from presskit.render.registry import FORMATS


@dataclass(frozen=True, slots=True)
class Job:
    """One output file: one document, one language, one format."""

    document: str
    language: str
    format: str


@dataclass(frozen=True, slots=True)
class Rendering:
    """A rendered job, ready to be written."""

    job: Job
    path: str  # relative to the output folder
    reference: str
    title: str
    rendered: Rendered
    fallbacks: int
    tree_digest: str  # what the manifest records of the tree it was rendered from


@dataclass(frozen=True, slots=True)
class _Failure:
    kind: str  # name of the PresskitError subclass
    message: str


@dataclass
class _State:
    project: Project  # the pack, its catalogs and the trees already built
    tuned: bool = False


_state: _State | None = None  # set in the parent before forking; workers inherit it

# Each process renders in a thread of its own. CPython 3.11 keeps a thread's frames in
# 16 KB chunks and unmaps a chunk as soon as the frame that opened it returns: where
# WeasyPrint's layout recursion goes back and forth across a chunk's end, each crossing
# maps and unmaps one. Where the chunks end depends on how deep the stack already was:
# a build started as `python -m presskit` (a few frames deeper than `presskit`) crossed
# 139,000 times instead of 37,000, 0.9 s more system time. A thread's stack starts at
# the same depth however presskit was started (22,000 crossings either way).
_render_thread: tuple[int, ThreadPoolExecutor] | None = None  # (process, its thread)


def render_jobs(
    project: Project,
    jobs: list[Job],
    workers: int,
    progress: Callable[[int, int, Job], None] | None = None,
) -> list[Rendering]:
    """Render every job; results come back in the order of ``jobs``.

    The project's pack and catalogs must be loaded already: workers inherit them.
    """
    global _state
    _state = _State(project)
    for name in dict.fromkeys(job.format for job in jobs):
        # Each writer's libraries are imported once, before forking.
        importlib.import_module(FORMATS[name].writer.partition(":")[0])
    if workers <= 1 or len(jobs) <= 1:
        results = []
        for number, job in enumerate(jobs, start=1):
            if progress:
                progress(number, len(jobs), job)
            results.append(_unwrap(_render_in_thread(job)))
        return results
    by_job: dict[Job, Rendering] = {}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        mp_context=context,
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        pending = {pool.submit(_render_task, task) for task in tasks(jobs, workers, _cost)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    results = [_unwrap(outcome) for outcome in future.result()]
                except BaseException:
                    pool.shutdown(wait=False, cancel_futures=True)  # the build has failed
                    raise
                for result in results:
                    by_job[result.job] = result
                    if progress:
                        progress(len(by_job), len(jobs), result.job)
    return [by_job[job] for job in jobs]


def tasks(jobs: list[Job], workers: int, cost: Callable[[Job], float]) -> list[list[Job]]:
    """The jobs as the pool hands them out, longest first by ``cost``.

    A language's jobs go to one worker together: it builds each tree once for both
    formats and loads the language's fonts, hyphenation patterns, date formats and Word
    styles once. The cheapest languages, which come last, are handed out job by job, so
    that no worker is left with a whole language while the others have nothing to do.
    """
    by_language: dict[str, list[Job]] = {}
    for job in sorted(jobs, key=cost, reverse=True):
        by_language.setdefault(job.language, []).append(job)
    groups = sorted(by_language.values(), key=lambda group: sum(map(cost, group)), reverse=True)
    together = max(0, len(groups) - workers)
    singles = sorted((job for group in groups[together:] for job in group), key=cost, reverse=True)
    return groups[:together] + [[job] for job in singles]


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive a build that was killed (kill -9 leaves no time to stop
    the pool): ask Linux to kill it when its parent dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _cost(job: Job) -> float:
    """A rough rendering time, to hand out the longest jobs first: the format's cost, the
    script's layout cost, and the document's size (blocks, and list entries it prints)."""
    assert _state is not None
    pack = _state.project.pack
    doc = pack.documents[job.document]
    size = len(doc.blocks) + sum(
        len(pack.lists[b.name].entries) for b in doc.blocks if isinstance(b, ListBlock)
    )
    fmt = FORMATS[job.format]
    script = _state.project.config.language(job.language).layout_cost if fmt.needs_fonts else 1.0
    return fmt.cost * script * size


def _unwrap(outcome: Rendering | _Failure) -> Rendering:
    if isinstance(outcome, _Failure):
        raise getattr(errors, outcome.kind, errors.PresskitError)(outcome.message)
    return outcome


def _render_in_thread(job: Job) -> Rendering | _Failure:
    global _render_thread
    # A forked worker inherits its parent's executor, not its thread: it makes its own.
    if _render_thread is None or _render_thread[0] != os.getpid():
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="presskit-render")
        _render_thread = (os.getpid(), executor)
    return _render_thread[1].submit(_render, job).result()


def _render_task(task: list[Job]) -> list[Rendering | _Failure]:
    """A task's jobs in order, up to the first that fails."""
    outcomes: list[Rendering | _Failure] = []
    for job in task:
        outcomes.append(_render_in_thread(job))
        if isinstance(outcomes[-1], _Failure):
            break
    return outcomes


def _render(job: Job) -> Rendering | _Failure:
    state = _state
    assert state is not None
    if not state.tuned:
        # Layout allocates millions of short-lived objects; the cyclic collector's
        # default thresholds spend about 5% of a render scanning them.
        gc.freeze()
        gc.set_threshold(20_000, 20, 20)
        state.tuned = True
    try:
        tree = state.project.tree(job.document, job.language)
        rendered = render(state.project.config, tree, job.format)
    except errors.PresskitError as exc:  # travels back to the parent as data
        return _Failure(type(exc).__name__, exc.format_message())
    finally:
        # With the raised thresholds a long render's cyclic garbage (its boxes and
        # layout) would outlive it, and the next render's would pile on top. What
        # survives a render is the worker's caches (trees, fonts, styles), kept to the
        # end: frozen, so that the next collection looks at the next render's objects
        # only (5 ms a collection before, a second and a half of a 40-language build).
        gc.collect()
        gc.freeze()
    return Rendering(
        job=job,
        path=f"{job.language}/{output_name(tree, job.format)}",
        reference=tree.reference,
        title=tree.title,
        rendered=rendered,
        fallbacks=tree.fallbacks,
        tree_digest=tree_digest(tree),
    )


def render(config: Config, tree: Document, fmt: str) -> Rendered:
    """One file's bytes. Writers are imported here: only rendering pays for them."""
    return FORMATS[fmt].render(config, tree)
