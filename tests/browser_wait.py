"""Waiting in Chromium for the exact condition a test needs, not for a fixed time or for the
network to fall idle."""

import time


def until(page, expression: str, message: str = "", timeout: float = 5) -> None:
    """Wait until a JavaScript expression is true on the page; fail with `message` (or the
    expression) if it is still false after `timeout` seconds. (Playwright's wait_for_function
    evaluates its predicate with eval, which the site's CSP refuses, rightly.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, message or f"still false after {timeout} s: {expression}"
        page.wait_for_timeout(50)
