"""The posture score: the severity-weighted share of decided checks that passed (0-100)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scanner.engine.rule_terms import Category, Severity

# Polars is imported where a score is computed: the HTML writer reads the weights alone, also
# for a report the run cache answers without loading Polars.
if TYPE_CHECKING:
    import polars as pl

# A critical failure weighs ten low ones; informational rules do not move the score.
SEVERITY_WEIGHTS: dict[Severity, float] = {
    Severity.CRITICAL: 10.0,
    Severity.HIGH: 5.0,
    Severity.MEDIUM: 3.0,
    Severity.LOW: 1.0,
    Severity.INFO: 0.0,
}
# An attack path is several findings that together give an attacker a way in: a path found
# weighs twice its severity. A path absent adds nothing: the controls it is made of already
# count each on its own, and a hundred notebooks without a path must not outweigh one with.
ATTACK_PATH_FACTOR = 2.0


def _score(frame: pl.DataFrame) -> float | None:
    import polars as pl

    if frame.height == 0:
        return None  # nothing judged: no score, rather than a reassuring 100
    total = float(frame["weight"].sum())
    if total == 0:
        return 100.0
    passed = float(frame.filter(pl.col("passed"))["weight"].sum())
    return round(100.0 * passed / total, 1)


def scores(decided: pl.DataFrame) -> tuple[float | None, dict[str, float]]:
    """Overall and per-provider score of outcomes with `passed`, `severity`, `provider` (and
    `category`, where known: attack paths weigh more); a `count` column, where there is one,
    says how many outcomes a row stands for."""
    import polars as pl

    weights = pl.DataFrame(
        {"severity": [s.value for s in SEVERITY_WEIGHTS], "weight": list(SEVERITY_WEIGHTS.values())}
    )
    weighted = decided.join(weights, on="severity", how="left")
    if "count" in weighted.columns:
        weighted = weighted.with_columns(pl.col("weight") * pl.col("count"))
    if "category" in weighted.columns:
        path = pl.col("category") == Category.ATTACK_PATH.value
        weighted = weighted.with_columns(
            pl.when(path & pl.col("passed"))
            .then(pl.lit(0.0))
            .when(path)
            .then(pl.col("weight") * ATTACK_PATH_FACTOR)
            .otherwise(pl.col("weight"))
            .alias("weight")
        )
    by_provider = {
        str(provider): score
        for (provider,), group in weighted.group_by("provider", maintain_order=True)
        if (score := _score(group)) is not None
    }
    return _score(weighted), dict(sorted(by_provider.items()))
