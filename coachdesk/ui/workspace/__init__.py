"""The client workspace: one tab per part of the engagement."""
