"""The columnar engine: rules compiled once to Polars expressions, evaluated per kind."""
