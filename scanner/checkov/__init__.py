"""The Checkov bridge: run Checkov (or read its JSON report) and merge its general checks into
mlposture's report, leaving out those an mlposture rule judges (`equivalents.checkov`).

run.py runs it as a subprocess, report_reader.py reads its JSON, places.py and check_rules.py
turn its results into the report's terms, merge.py merges them. Checkov is never imported.
"""
