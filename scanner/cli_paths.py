"""`mlposture paths`: the attack paths of a report or a fresh scan, and the blast radius of
one resource (`--from`). Imports its machinery when run, so `mlposture --version` stays fast."""

from __future__ import annotations

from pathlib import Path

import rich_click as click


@click.command("paths")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--from",
    "start",
    metavar="RESOURCE_ID",
    help="Show what this resource's compromise reaches (its id as the report names it: "
    "Terraform address, logical id, ARN or resource id), instead of the paths.",
)
@click.option("--depth", default=6, show_default=True, type=click.IntRange(1, 12))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--var-file", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def paths_command(
    sources: tuple[str, ...],
    start: str | None,
    depth: int,
    fmt: str,
    var_file: tuple[str, ...],
    output: Path | None,
) -> None:
    """List the attack paths of REPORT.json (a `--format json` report) or of a fresh scan of
    PATH...; with `--from`, the blast radius of one resource of a fresh scan."""
    code = run_paths(list(sources), start, depth, fmt, var_file, output)
    raise SystemExit(code)


def _report_results(path: Path) -> list[dict[str, object]] | None:
    """The attack-path results of a JSON report, or None when `path` is not one."""
    import json

    try:
        report = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(report, dict) or not isinstance(report.get("results"), list):
        return None
    return [
        r
        for r in report["results"]
        if isinstance(r, dict)
        and r.get("category") == "attack-path"
        and r.get("status") == "failed"
    ]


def run_paths(
    sources: list[str],
    start: str | None,
    depth: int,
    fmt: str,
    var_files: tuple[str, ...],
    output: Path | None,
) -> int:
    """The command's work; its exit code: 1 when attack paths are listed, else 0."""
    import sys
    from contextlib import ExitStack

    from scanner.cli_common import EXIT_FINDINGS, EXIT_OK, fail_usage
    from scanner.writers import paths_table

    with ExitStack() as stack:
        out = stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
        width = 120 if output else 160
        if start is not None:
            from scanner.blast import blast_radius
            from scanner.estate import read_estate, rows_named

            estate = read_estate(sources, var_files)
            for error in estate.errors:
                click.echo(f"error: {error}", err=True)
            rows = rows_named(estate, start)
            if not rows:
                fail_usage(f"{start}: no such resource in {', '.join(sources)}")
            reached = blast_radius(estate.resources, rows, estate.relations, estate.reach, depth)
            if fmt == "json":
                paths_table.write_blast_json(start, reached, out)
            else:
                paths_table.write_blast_table(start, reached, out, width)
            return EXIT_OK
        report = _report_results(Path(sources[0])) if len(sources) == 1 else None
        if report is None:
            from scanner.pipeline import ScanOptions, scan

            scanned = scan(sources, ScanOptions(var_files=var_files))
            for error in scanned.errors:
                click.echo(f"error: {error}", err=True)
            report = [
                r.as_dict() for r in scanned.results if r.is_attack_path and r.status == "failed"
            ]
        if fmt == "json":
            paths_table.write_paths_json(report, out)
        else:
            paths_table.write_paths_table(report, out, width)
        return EXIT_FINDINGS if report else EXIT_OK
