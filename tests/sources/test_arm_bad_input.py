"""Hostile or broken ARM templates: one error with its line, bounded time and memory.

Each template is the good fixture with one thing changed, scanned beside good files of every
format. The functions that build values (padLeft, replace, union, mul, concat) are bounded
before they build, as the evaluator bounds strings, so a template of a few hundred bytes
cannot take the memory or the time of the scan.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

from tests.sources.hostile import GOOD_ARM, assert_one_error, scan_beside_good

MEMORY_BOUND_MB = 200  # traced Python allocations of the whole in-process scan


def _template(name: str = "", variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The good template; with `name`, a third compute named by that expression."""
    template: dict[str, Any] = json.loads(GOOD_ARM)
    if variables:
        template["variables"] = variables
    if name:
        extra = json.loads(json.dumps(template["resources"][1]))
        extra["name"] = name
        template["resources"].append(extra)
    return template


def _text(template: dict[str, Any]) -> str:
    return json.dumps(template, indent=1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _resource_line(text: str, needle: str) -> int:
    """The line of the resource whose text holds `needle` (its first key, as ARM marks it)."""
    before = text[: text.index(needle)].split("\n")
    return max(n for n, line in enumerate(before) if line.strip() == "{") + 2  # its first key


def _scan_traced(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[Any, float]:
    tracemalloc.start()
    try:
        scan = scan_beside_good(tmp_path, files)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return scan, peak / (1024 * 1024)


def test_integer_past_the_digit_limit_is_one_error_with_its_line(tmp_path: Path) -> None:
    text = _text(_template()).replace('"maxNodeCount": 4', '"maxNodeCount": ' + "9" * 5000, 1)
    scan = scan_beside_good(tmp_path, {"bad.json": text})
    assert_one_error(scan, "bad.json", "more than 4300 digits", _line_of(text, "9" * 5000))


def test_integer_past_the_digit_limit_in_a_parameter_file(tmp_path: Path) -> None:
    parameters = (
        '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
        'deploymentParameters.json#",\n "parameters": {"n": {"value": ' + "9" * 5000 + "}}}"
    )
    files = {"bad.json": _text(_template()), "bad.parameters.json": parameters}
    scan = scan_beside_good(tmp_path, files)
    assert_one_error(scan, "bad.parameters.json", "more than 4300 digits", 2)


def test_integer_literal_past_the_digit_limit_in_an_expression(tmp_path: Path) -> None:
    text = _text(_template(name="[string(" + "9" * 5000 + ")]"))
    scan = scan_beside_good(tmp_path, {"bad.json": text})
    assert_one_error(scan, "bad.json", "integer", _resource_line(text, "[string(9"))
    assert {"mlw-fraud/cc-train", "mlw-fraud/cc-defaults"} <= scan.resource_ids()


def test_pad_left_to_a_billion_is_refused_before_it_is_built(tmp_path: Path) -> None:
    text = _text(_template(name="[padLeft('a', 1000000000, 'x')]"))
    scan, peak = _scan_traced(tmp_path, {"bad.json": text})
    line = _resource_line(text, "[pad")
    assert_one_error(scan, "bad.json", "padleft() builds a value too large", line)
    assert peak < MEMORY_BOUND_MB, f"peak {peak:.0f} MB"


def test_replace_that_grows_quadratically_is_refused_before_it_is_built(tmp_path: Path) -> None:
    variables: dict[str, Any] = {"v0": "a" * 2000}
    for i in range(1, 4):
        variables[f"v{i}"] = f"[replace(variables('v{i - 1}'), 'a', variables('v{i - 1}'))]"
    text = _text(_template(name="[variables('v3')]", variables=variables))
    scan, peak = _scan_traced(tmp_path, {"bad.json": text})
    line = _resource_line(text, "[variables('v3')]")
    assert_one_error(scan, "bad.json", "replace() builds a value too large", line)
    assert peak < MEMORY_BOUND_MB, f"peak {peak:.0f} MB"


def test_concat_of_many_large_strings_is_refused_before_it_is_built(tmp_path: Path) -> None:
    variables = {
        "s": "[padLeft('a', 900000, 'x')]",
        "t": "[concat(" + ",".join(["variables('s')"] * 1000) + ")]",
    }
    text = _text(_template(name="[variables('t')]", variables=variables))
    scan, peak = _scan_traced(tmp_path, {"bad.json": text})
    line = _resource_line(text, "[variables('t')]")
    assert_one_error(scan, "bad.json", "concat() builds a value too large", line)
    assert peak < MEMORY_BOUND_MB, f"peak {peak:.0f} MB"


def test_repeated_multiplication_of_big_integers_ends(tmp_path: Path) -> None:
    variables: dict[str, Any] = {"v0": 99_999_999_999}
    for i in range(1, 40):
        variables[f"v{i}"] = f"[mul(variables('v{i - 1}'), variables('v{i - 1}'))]"
    text = _text(_template(name="[string(variables('v39'))]", variables=variables))
    scan = scan_beside_good(tmp_path, {"bad.json": text})
    assert scan.seconds < 20, f"took {scan.seconds:.1f} s"
    line = _resource_line(text, "[string(variables('v39'))]")
    assert_one_error(scan, "bad.json", "mul() overflows a 64-bit integer", line)


def test_union_of_large_arrays_is_linear(tmp_path: Path) -> None:
    variables = {
        "a": "[range(0, 10000)]",
        "b": "[range(5000, 10000)]",
        "u": "[union(variables('a'), variables('b'), variables('a'))]",
    }
    text = _text(
        _template(
            name="[concat('mlw-fraud/n', string(length(variables('u'))))]", variables=variables
        )
    )
    scan = scan_beside_good(tmp_path, {"bad.json": text})
    assert scan.seconds < 5, f"took {scan.seconds:.1f} s"  # 7 s when `in` scanned a list
    assert scan.errors_of("bad.json") == []
    assert "mlw-fraud/n15000" in scan.resource_ids()


def test_duplicate_key_is_one_error_with_its_line(tmp_path: Path) -> None:
    text = _text(_template())
    text = text.replace(
        '"computeType": "AmlCompute",', '"computeType": "AmlCompute",\n"computeType": "x",', 1
    )
    scan = scan_beside_good(tmp_path, {"bad.json": text})
    assert_one_error(
        scan, "bad.json", 'duplicate key "computeType"', _line_of(text, '"computeType": "x"')
    )


def test_negative_copy_count_is_one_error_with_its_line(tmp_path: Path) -> None:
    template = _template()
    template["resources"][1]["copy"] = {"name": "many", "count": -1}
    text = _text(template)
    scan = scan_beside_good(tmp_path, {"bad.json": text})
    line = _resource_line(text, '"name": "mlw-fraud/cc-defaults"')
    assert_one_error(scan, "bad.json", "copy count -1 is negative", line)


def test_lone_surrogate_in_a_name_is_replaced(tmp_path: Path) -> None:
    text = _text(_template()).replace("cc-defaults", "cc-\\ud800", 1)
    scan = scan_beside_good(tmp_path, {"bad.json": text})
    assert scan.errors_of("bad.json") == []
    assert "mlw-fraud/cc-\ufffd" in scan.resource_ids()
    for fmt in ("table", "sarif", "csv", "junit"):
        from click.testing import CliRunner

        from scanner.cli import main

        result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", fmt, "--no-cache"])
        assert result.exception is None or isinstance(result.exception, SystemExit), fmt


def test_json_function_over_a_deep_string_leaves_the_rest_of_the_template(tmp_path: Path) -> None:
    text = _text(_template(name="[string(json('" + "[" * 5000 + "]" * 5000 + "'))]"))
    scan = scan_beside_good(tmp_path, {"bad.json": text})
    assert {"mlw-fraud/cc-train", "mlw-fraud/cc-defaults"} <= scan.resource_ids()
    scan.assert_good_files_judged()
