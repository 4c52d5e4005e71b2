"""What the build tells the press officer: progress while it runs, a table at the end."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from presskit.build import BuildResult
from presskit.workers import Job


class Reporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()

    def progress(self, number: int, total: int, job: Job) -> None:
        if self.live:
            line = f"[{number}/{total}] {job.language} {job.document} {job.format}"
            self.stream.write(f"\r\033[K{line}")
            self.stream.flush()

    def summary(self, result: BuildResult, root: Path) -> None:
        if self.live:
            self.stream.write("\r\033[K")
        for warning in result.warnings:
            self.stream.write(warning if " warning: " in warning else f"warning: {warning}")
            self.stream.write("\n")
        where = result.output_dir
        shown = where.relative_to(root) if where and where.is_relative_to(root) else where
        if not result.files:
            count = len(result.up_to_date)
            self.stream.write(f"nothing to do: {count} files up to date in {shown}/\n")
            return
        rows = [("language", "document", "format", "pages", "size", "file")]
        for item in result.files:
            pages = str(item.rendered.pages) if item.rendered.pages is not None else "-"
            size = f"{len(item.rendered.data) / 1024:.0f} KB"
            rows.append(
                (item.job.language, item.job.document, item.job.format, pages, size, item.path)
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            cells = [
                cell.ljust(widths[i]) if i != 4 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            ]
            self.stream.write("  ".join(cells).rstrip() + "\n")
            if index == 0:
                self.stream.write("  ".join("-" * w for w in widths) + "\n")
        fresh = f", {len(result.up_to_date)} up to date" if result.up_to_date else ""
        self.stream.write(f"{len(result.files)} files written to {shown}/ (manifest.json){fresh}\n")
        incomplete = sorted(
            {(f.job.language, f.job.document, f.fallbacks) for f in result.files if f.fallbacks}
        )
        for language, document, count in incomplete:
            units = "unit" if count == 1 else "units"
            self.stream.write(
                f"warning: {language}/{document}: {count} {units} printed in the source language\n"
            )
