from __future__ import annotations

import polars as pl

from scanner.iam.computed import Estate
from scanner.iam.reach_aws import GRANTS_SCHEMA


def azure_reach(estate: Estate) -> pl.DataFrame:
    return pl.DataFrame(schema=GRANTS_SCHEMA)
