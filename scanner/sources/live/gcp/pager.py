"""One pager for every Google list call: follows nextPageToken until the last page."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from scanner.sources.live.gcp.client import GoogleApiError, GoogleClient

PAGE_SIZE = "100"
# A server that keeps answering new tokens is stopped here rather than read forever.
MAX_PAGES = 10_000


def pages(
    client: GoogleClient, url: str, params: Mapping[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """Every page of a list call, as its JSON body."""
    query = {"pageSize": PAGE_SIZE, **(params or {})}
    seen: set[str] = set()
    for _ in range(MAX_PAGES):
        body = client.get(url, query)
        yield body
        token = body.get("nextPageToken")
        if not token:
            return
        if not isinstance(token, str) or token in seen:
            raise GoogleApiError(200, "INVALID_RESPONSE", "", "the page token repeats", url)
        seen.add(token)
        query["pageToken"] = token
    raise GoogleApiError(200, "INVALID_RESPONSE", "", f"more than {MAX_PAGES} pages", url)


def items(
    client: GoogleClient, url: str, key: str, params: Mapping[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """Every item of a list call: the objects under `key` in each page."""
    for body in pages(client, url, params):
        found = body.get(key) or []
        if not isinstance(found, list):
            raise GoogleApiError(200, "INVALID_RESPONSE", "", f"{key} is not a list", url)
        yield from (item for item in found if isinstance(item, dict))
