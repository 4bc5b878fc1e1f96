"""The `mlposture:ignore` comment grammar, read the same in every comment style."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scanner.sources.suppressions import directive, metadata_suppressions


@pytest.mark.parametrize(
    "line",
    [
        '# mlposture:ignore MLP-AWS-SM-002 reason="proxy egress" expires=2030-01-31',
        '  // mlposture:ignore MLP-AWS-SM-002 expires=2030-01-31 reason="proxy egress"',
        '/* mlposture:ignore MLP-AWS-SM-002 reason="proxy egress" expires=2030-01-31 */',
        "name = \"x\" # mlposture:ignore MLP-AWS-SM-002 reason='proxy egress' expires=2030-01-31",
    ],
)
def test_comment_styles(line: str) -> None:
    [s] = directive(line, "main.tf", 7)
    assert (s.rule_id, s.reason, s.expires, s.file, s.line, s.problem) == (
        "MLP-AWS-SM-002",
        "proxy egress",
        date(2030, 1, 31),
        "main.tf",
        7,
        None,
    )


def test_several_rules_share_one_comment() -> None:
    found = directive('# mlposture:ignore MLP-A-1, MLP-B-2 reason="both"', "f.tf", 1)
    assert [(s.rule_id, s.reason) for s in found] == [("MLP-A-1", "both"), ("MLP-B-2", "both")]


def test_escaped_quote_in_reason_and_empty_reason() -> None:
    [s] = directive(r'# mlposture:ignore R-1 reason="the \"lab\" VPC"', "f.tf", 1)
    assert s.reason == 'the "lab" VPC'
    [s] = directive('# mlposture:ignore R-1 reason="  "', "f.tf", 1)
    assert s.reason is None


def test_not_a_date() -> None:
    [s] = directive('# mlposture:ignore R-1 reason="x" expires=2030-02-30', "f.tf", 1)
    assert s.expires is None
    assert s.problem == "suppression expiry '2030-02-30' is not a date (YYYY-MM-DD)"


def test_plain_comments_are_not_directives() -> None:
    assert directive("# mlposture ignores nothing here", "f.tf", 1) == []
    assert directive('name = "mlposture:ignore"', "f.tf", 1) == []


@given(
    reason=st.text(
        alphabet=st.characters(blacklist_characters='"\\\n\r', blacklist_categories=("Cs",)),
        min_size=1,
    ).filter(lambda t: t.strip() and "*/" not in t),
    expires=st.dates(min_value=date(1970, 1, 1), max_value=date(9999, 12, 31)),
    marker=st.sampled_from(["#", "//", "/*"]),
)
def test_any_reason_and_date_read_back(reason: str, expires: date, marker: str) -> None:
    line = f'{marker} mlposture:ignore MLP-X-1 reason="{reason}" expires={expires.isoformat()}'
    [s] = directive(line, "f.tf", 3)
    assert (s.rule_id, s.reason, s.expires, s.problem) == ("MLP-X-1", reason.strip(), expires, None)


def test_metadata_forms() -> None:
    assert metadata_suppressions({"other": 1}, "t.yaml", 4) == ()
    [s] = metadata_suppressions(
        {
            "mlposture": {
                "ignore": {"id": "R-1", "reason": "one entry", "expires": date(2030, 1, 1)}
            }
        },
        "t.yaml",
        4,
    )
    assert (s.rule_id, s.reason, s.expires, s.line) == ("R-1", "one entry", date(2030, 1, 1), 4)
    [s] = metadata_suppressions({"mlposture": {"ignore": "R-1"}}, "t.yaml", 4)
    assert s.problem is not None and "list" in s.problem
    [s] = metadata_suppressions({"mlposture": {"ignore": [{"reason": "no id"}]}}, "t.yaml", 4)
    assert s.problem == 'suppression entry needs an "id" (the rule id)'
