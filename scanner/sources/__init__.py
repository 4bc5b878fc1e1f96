"""Sources: each reads one input format and yields native resources with their locations."""
