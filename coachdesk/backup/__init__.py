"""Encrypted single-file backups of a vault: create, verify, restore, rotation."""
