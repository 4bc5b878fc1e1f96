"""Live Google Cloud: the projects, Vertex AI locations, Vertex AI and Workbench resources
(and the project IAM grants around them) of a running estate, read over REST as native
resources.

Import from the modules: `source.gcp_source`, `options.GcpAuditOptions`,
`collect.collect_gcp`. This package imports nothing itself, so that loading the CLI costs
neither requests nor google-auth; google-auth is imported only when an audit runs.
"""
