"""How every PDF is written, as data: kept apart from the writer so that importing the
options (the benchmark's floor does) installs none of presskit's additions to WeasyPrint."""

# Tagged PDF/UA-1: a structure tree, /Lang, the title displayed, for screen readers.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
