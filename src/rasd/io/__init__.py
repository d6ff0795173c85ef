"""Readers that turn each input kind into Documents, one record at a time."""
