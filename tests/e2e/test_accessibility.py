"""axe-core (the npm package, loaded into Chromium) on the portal's main pages in both languages:
no serious or critical violation. Every finding, minor ones included, is written to
test-artifacts/e2e/axe/ for review."""

from __future__ import annotations

import json

import pytest

from .conftest import ARTIFACTS, NODE_MODULES, log_in, unavailable
from .scenario import FORM_DELEGATE_EMAIL, FORM_DELEGATE_PASSWORD

pytestmark = pytest.mark.slow

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
PAGES = {
    # name: (English path, French path, who looks at it)
    "home": ("/en/", "/fr/", None),
    "index": ("/en/conclusions/", "/fr/conclusions/", None),
    "conclusion": (
        "/en/conclusions/strengthening-the-ncb-network/",
        "/fr/conclusions/renforcer-le-reseau-des-bcn/",
        None,
    ),
    "toolkit": (
        "/en/toolkits/responsible-ai-toolkit/",
        "/fr/boites-a-outils/boite-a-outils-ia-responsable/",
        None,
    ),
    "search": ("/en/search/?q=biometric", "/fr/recherche/?q=biométrie", None),
    "registration-form": ("/en/events/week/demo-week/register/", "/fr/events/week/demo-week/register/", "form"),
    "badge": ("/en/events/my/", "/fr/events/my/", "delegate"),
}
IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        unavailable(f"axe-core is not installed: run `npm ci --prefix tests/e2e` (looked for {AXE})")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def signed_in(browser, portal, tmp_path_factory):
    """Cookies of the two delegates the form and badge pages need, logged in once each."""
    folder = tmp_path_factory.mktemp("axe-states")
    states = {}
    for key, (address, password) in {
        "form": (FORM_DELEGATE_EMAIL, FORM_DELEGATE_PASSWORD),
        "delegate": ("delegate@liaison.example", "liaison-demo-2026"),
    }.items():
        context = browser.new_context(base_url=portal.base)
        page = context.new_page()
        log_in(page, address, password)
        states[key] = str(folder / f"{key}.json")
        context.storage_state(path=states[key])
        context.close()
    return states


def run_axe(page, source: str) -> list[dict]:
    page.evaluate(source)  # through the DevTools protocol: the page's CSP stays on
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return result["violations"]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_accessibility_violation(new_page, signed_in, axe_source, name, language):
    english, french, who = PAGES[name]
    page = new_page(locale="fr-FR" if language == "fr" else "en-GB", storage_state=signed_in[who] if who else None)
    response = page.goto(english if language == "en" else french)
    assert response.ok, f"{name} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == language
    if name == "search":
        assert page.locator(".results .card-title").count() > 0, "the search page is checked with results on it"
    if name == "registration-form":
        assert page.locator("form.stacked-form input[type=checkbox]").count() > 0
    if name == "badge":
        assert page.locator("a[href$='/badge.pdf']").count() == 1
    violations = run_axe(page, axe_source)
    report = ARTIFACTS / "axe" / f"{name}-{language}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(violations, indent=2, ensure_ascii=False))
    grave = [
        f"{v['impact']}: {v['id']} — {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in IMPACTS
    ]
    assert not grave, f"{page.url}:\n" + "\n".join(grave)


def test_the_check_does_find_a_planted_violation(new_page, axe_source):
    """The check above could fail: an image without a text alternative is reported as critical."""
    page = new_page()
    page.goto("/en/")
    page.evaluate("""() => {
        const image = document.createElement("img");
        image.src = "/static/portal/favicon.svg";
        document.querySelector("main").append(image);
    }""")
    found = {v["id"]: v["impact"] for v in run_axe(page, axe_source)}
    assert found.get("image-alt") == "critical", found
