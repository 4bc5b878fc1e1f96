"""Writers turn a Report into a format: table (rich) and json (the output contract)."""

from scanner.writers.json_writer import write_json
from scanner.writers.table import write_table

__all__ = ["write_json", "write_table"]
