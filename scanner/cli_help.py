"""How `--help` groups the options (rich-click panels), by command path.

Keys are fnmatch patterns over the command path ("mlposture scan", "mlposture audit aws"; a
test runner may name the program otherwise, hence the leading `*`). Options not listed here
stay in the command's own "Options" panel: for `audit`, what says which estate to read.
"""

from __future__ import annotations

from typing import Any

_OUTPUT = {
    "name": "Output",
    "options": ["--format", "--output", "--output-format", "--include-passed", "--fail-on"],
}
_RULES = {
    "name": "Rule selection",
    "options": ["--rule", "--skip-rule", "--framework", "--preview", "--rules-dir"],
}
_PULL_REQUESTS = {
    "name": "Pull requests",
    "options": ["--baseline", "--create-baseline", "--diff-base", "--soft-fail"],
}
_CODE = {
    "name": "Infrastructure code",
    "options": ["--skip-path", "--var-file", "--parameter", "--module-timeout"],
}
_CHECKOV = {
    "name": "Checkov",
    "options": ["--with-checkov", "--checkov-bin", "--checkov-report"],
}
_EXPORT = {
    "name": "Export and Security Hub",
    "options": [
        "--export",
        "--spool-dir",
        "--export-insecure",
        "--export-ca-file",
        "--export-scope",
        "--aws-account-id",
        "--aws-region",
    ],
}

HELP_CONFIG: dict[str, Any] = {
    "option_groups": {
        "* scan": [_OUTPUT, _RULES, _PULL_REQUESTS, _CODE, _CHECKOV, _EXPORT],
        "* audit *": [_OUTPUT, _RULES, _EXPORT],
    },
}
