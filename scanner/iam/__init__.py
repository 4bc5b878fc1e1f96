"""IAM policy analysis: statements table, wildcard expansion, AWS managed policies.

Public surface (used by the pipeline and by the live audit):
- `analyse_iam(resources, relations)`: fills the computed fields of `aws.iam.role` and
  `aws.iam.policy` resources (what their documents grant, who runs with them).
- `parse_document`, `statements_table`, `permission_flags`, `ActionCatalog`: the columnar
  analysis of any set of policy documents.
"""

from scanner.iam.analyse import analyse_iam
from scanner.iam.catalog import ActionCatalog
from scanner.iam.documents import Statement, parse_document
from scanner.iam.managed import load_managed_policies
from scanner.iam.statements import permission_flags, statements_table
from scanner.iam.trust import principals_table, trust_flags

__all__ = [
    "ActionCatalog",
    "Statement",
    "analyse_iam",
    "load_managed_policies",
    "parse_document",
    "permission_flags",
    "principals_table",
    "statements_table",
    "trust_flags",
]
