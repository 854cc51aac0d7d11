"""The encrypted vault: SQLCipher connection, keys, header, schema and repositories."""
