"""CloudFormation templates (YAML and JSON) into native resources.

Nothing is imported here: `scanner.sources.documents` imports the decoder while the loader
imports `Document` from it, and an eager import would make that a cycle.
"""
