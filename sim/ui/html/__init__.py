"""Self-contained HTML pages (no network, no script): the cohort report, drawn with plain inline SVG."""
