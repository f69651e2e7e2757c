"""Serving the site: security headers, the CSP's script hashes, nginx and Apache configs."""
