"""ARM templates (and the ARM bodies of azapi_resource): parameters, variables, functions,
copies, conditions and nested deployments, evaluated into native resources."""
