"""The house rules of the Python in speech/ (and, for the lint, tools/): ruff's checks as
pyproject.toml selects them (every function typed, no undefined or unused name, imports in
order), and the sizes ruff does not measure: a function at most 50 lines, a class at most 120."""

import ast
import subprocess

from ruff.__main__ import find_ruff_bin

from conftest import ROOT

LINTED = ("speech", "tools")
FUNCTION_LINES, CLASS_LINES = 50, 120


def ruff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([find_ruff_bin(), "check", "--no-cache", "--output-format", "concise", *args],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=60)


def test_ruff_finds_nothing():
    result = ruff(*LINTED)
    folders = ", ".join(f"{folder}/" for folder in LINTED)
    assert result.returncode == 0, f"ruff (pyproject.toml [tool.ruff]) on {folders}:\n{result.stdout}{result.stderr}"


def test_ruff_refuses_an_untyped_function_in_speech():
    result = ruff("--stdin-filename", "speech/made_up.py", "-", stdin="def f(x):\n    return x\n")
    assert result.returncode == 1 and "ANN001" in result.stdout and "ANN201" in result.stdout, result.stdout + result.stderr


def oversized(source: str, name: str) -> list[str]:
    """Each function over FUNCTION_LINES and class over CLASS_LINES lines, from its def or class
    line (decorators not counted) to its end: 'file:line name: N lines'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        limit = (CLASS_LINES if isinstance(node, ast.ClassDef)
                 else FUNCTION_LINES if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None)
        if limit and (lines := node.end_lineno - node.lineno + 1) > limit:
            found.append(f"{name}:{node.lineno} {node.name}: {lines} lines (at most {limit})")
    return found


def test_functions_and_classes_stay_small():
    found = [problem for path in sorted((ROOT / "speech").rglob("*.py"))
             for problem in oversized(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())]
    assert found == [], "split these into named steps:\n" + "\n".join(found)


def test_the_size_check_fails_one_line_over():
    """At the limit passes, one line over fails; a decorator is not counted."""
    def function(lines: int) -> str:
        return "@decorated\ndef f():\n" + "    x = 1\n" * (lines - 1)

    def cls(lines: int) -> str:
        return "class C:\n" + "    x = 1\n" * (lines - 1)

    assert oversized(function(FUNCTION_LINES) + cls(CLASS_LINES), "a.py") == []
    assert oversized(function(FUNCTION_LINES + 1), "a.py") == ["a.py:2 f: 51 lines (at most 50)"]
    assert oversized(cls(CLASS_LINES + 1), "b.py") == ["b.py:1 C: 121 lines (at most 120)"]
