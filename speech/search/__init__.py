"""The search index our search worker reads."""
