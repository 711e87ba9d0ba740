"""The workbench: `budget-graph serve` as a local web page where an officer drops filings and reads the
report (docs/workbench.md). app.py holds the routes, uploads.py takes the files in, results.py keeps the
finished reports for download a while."""
