"""The Python-Markdown extension that marks the speech on every page, and its treeprocessors."""
