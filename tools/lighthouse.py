"""Run the pinned Lighthouse (tools/quality) on a page, mobile mode, and return its report."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

from harness import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "quality" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])


def lighthouse(url: str, chromium: str = CHROMIUM,
               categories=("performance", "accessibility", "best-practices", "seo")) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                        "--form-factor=mobile", f"--chrome-flags={CHROME_FLAGS}",
                        f"--only-categories={','.join(categories)}"],
                       check=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=180,
                       capture_output=True)
        return json.loads(out.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, float]:
    return {key: category["score"] for key, category in report["categories"].items()}


def failed_audits(report: dict) -> list[str]:
    """Audits that pass or fail (binary) and failed, with what they name."""
    failed = []
    for key, audit in report["audits"].items():
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0:
            items = (audit.get("details") or {}).get("items", [])
            nodes = [item.get("node", {}).get("snippet", "")[:100] for item in items[:3]]
            failed.append(f"{key}: {audit['title']} {nodes}")
    return failed
