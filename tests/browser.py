"""Headless Chromium for the tests: Debian's browser driven by Playwright, with no network."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from helpers.paths import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Chromium's own background traffic would otherwise show up as requests the page never made.
QUIET = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium, closed on exit."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """What a page did while it loaded: requests beyond itself, console errors, dialogs."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def visit(browser: Browser, path: Path, offline: bool = True) -> Iterator[Visit]:
    """Open a local file with the network off, recording every request it attempts."""
    context = browser.new_context(offline=offline, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = Visit(page)
    url = path.resolve().as_uri()
    page.on(
        "request", lambda r: r.url != url and not r.url.startswith("data:") and seen.requests.append(r.url)
    )
    page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
    page.on("pageerror", lambda e: seen.errors.append(str(e)))

    def dismiss(dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(url, wait_until="load")
    try:
        yield seen
    finally:
        context.close()


def serious_accessibility_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical violations on the page."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))"
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]
