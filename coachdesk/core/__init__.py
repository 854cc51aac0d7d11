"""The coaching domain: dataclasses and rules. Pure Python: no I/O, no Qt."""
