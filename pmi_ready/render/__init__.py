"""Report and printout renderers; `pdfkit` and `htmlkit` are the shared building blocks."""
