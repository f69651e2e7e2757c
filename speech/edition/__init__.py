"""What the editors wrote, read and checked once a build: the speech model, the glossary, the
collation with source/, the rule that content is text, and the Edition that bundles them."""
