"""Bounds of one Terraform module's evaluation (light: the command line's defaults)."""

from __future__ import annotations

# Long enough for any real module (the benchmark's take 8-16 ms), short enough for CI.
MODULE_TIMEOUT_SECONDS = 120.0
# Data one evaluation worker may allocate (MB). The benchmark's largest module peaks near
# 100 MB; a few hundred bytes of doubling locals reach 6 GB in seconds without a limit.
MODULE_MEMORY_MB = 2048
