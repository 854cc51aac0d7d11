"""Dialogs: vault keys, settings, new client."""
