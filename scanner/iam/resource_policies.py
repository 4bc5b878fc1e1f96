"""Resource policies (who may reach a resource from outside): whether one is public.

A kind that declares `resource_policy` (JSON text) and `public_policy` gets the latter computed
from the statements, through the same principals table as IAM trust policies: one parser, one
notion of "every principal", whatever the resource.
"""

from __future__ import annotations

from scanner.iam.computed import with_computed
from scanner.iam.documents import DocumentError, Statement, parse_document
from scanner.iam.trust import principals_table, public_flags
from scanner.model.resource import Resource

POLICY_FIELD = "resource_policy"
PUBLIC_FIELD = "public_policy"


def analyse_resource_policies(resources: list[Resource]) -> list[Resource]:
    """The resources with `public_policy` computed where their kind declares it."""
    documents: dict[int, list[Statement]] = {}
    public: dict[int, bool | None] = {}
    for row, resource in enumerate(resources):
        if PUBLIC_FIELD not in resource.values:
            continue
        text = resource.values.get(POLICY_FIELD)
        if text is None:
            # No policy: only the account's own principals reach it. Unknown: undecided.
            public[row] = None if POLICY_FIELD in resource.unknown else False
            continue
        try:
            documents[row] = parse_document(text)
        except DocumentError:
            public[row] = None  # not readable: never a pass
    if documents:
        for doc, flag in public_flags(principals_table(documents, {})).iter_rows():
            public[doc] = flag
        for row in documents:
            public.setdefault(row, False)  # statements without principals open nothing
    if not public:
        return resources
    out = list(resources)
    for row, flag in public.items():
        out[row] = with_computed(resources[row], {PUBLIC_FIELD: flag})
    return out
