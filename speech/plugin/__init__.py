"""The speech plugin for MkDocs (entry point `speech`): the one owner of the build's own steps."""
