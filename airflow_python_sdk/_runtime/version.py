"""The SDK's version (one place: setup.py reads it too)."""
VERSION = "2.11.2.0"
