"""The Spanish edition as people use it: the same page in Spanish under /es/, a language
selector that lands on the twin page both ways (from disk: tests/test_offline.py), one set of
answers for both languages, search in Spanish with the words people use, and our own
interface in Spanish.

The whole-site sweeps visit every Spanish page too: axe, the Nu checker, headings on
phones and present-mode slides (tests/test_real_sizes.py), privacy (conftest).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from test_search import misses, top_results

pytestmark = pytest.mark.browser

LANG = "es"
SELECTOR = re.compile(r'<a href="([^"]*)" hreflang="(en|es)" class="md-select__link">')


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if p.parent.name != "print_page" and "print_page" not in p.parts)


def resolve(page: Path, href: str, site: Path) -> Path:
    target = (page.parent / href).resolve()
    return target / "index.html" if href.endswith("/") or href in ("", ".") else target


# ---------------------------------------------------------------- Built pages

def test_spanish_pages_are_in_spanish_with_materials_spanish_interface(site_dir):
    home = (site_dir / LANG / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in home
    assert 'placeholder="Búsqueda"' in home
    crisis = (site_dir / LANG / "crisis" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in crisis and "Crisis y seguridad" in crisis
    assert "¿Necesita ayuda ahora?" in crisis, "the crisis band at the foot of the page is not in Spanish"
    english = (site_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english


def test_every_page_has_a_selector_link_to_its_twin_in_the_other_language(site_dir):
    """Written into each page at build time (hooks/language.py), so it works from disk too."""
    wrong = []
    spanish_site = site_dir / LANG
    for page in html_pages(site_dir):
        text = page.read_text(encoding="utf-8")
        links = dict((lang, href) for href, lang in SELECTOR.findall(text))
        if set(links) != {"en", "es"}:
            wrong.append(f"{page.relative_to(site_dir)}: selector links {links}")
            continue
        in_spanish = spanish_site in page.parents
        relative = page.relative_to(spanish_site if in_spanish else site_dir)
        other = resolve(page, links["en" if in_spanish else "es"], site_dir)
        twin = (site_dir if in_spanish else spanish_site) / relative
        if twin.exists() and other != twin.resolve():
            wrong.append(f"{page.relative_to(site_dir)}: the other language's link goes to {other}")
        if not other.exists():
            wrong.append(f"{page.relative_to(site_dir)}: the other language's link goes nowhere ({other})")
        if resolve(page, links["es" if in_spanish else "en"], site_dir) != page.resolve():
            wrong.append(f"{page.relative_to(site_dir)}: its own language's link is not itself")
    assert wrong == [], "\n".join(wrong[:20])


def test_spanish_links_to_practitioners_pages_go_to_the_english_site_marked_in_english(site_dir):
    topics = (site_dir / LANG / "modules" / "01-recovery-strategies" / "index.html").read_text(encoding="utf-8")
    guide = re.search(r'<a href="([^"]*practitioner-guide/)" hreflang="en">[^<]*</a> \(en inglés\)', topics)
    assert guide, "the module overview does not link the English practitioner guide, marked (en inglés)"
    page = site_dir / LANG / "modules" / "01-recovery-strategies" / "index.html"
    assert resolve(page, guide.group(1), site_dir) == (site_dir / "modules" / "01-recovery-strategies" /
                                                       "practitioner-guide" / "index.html").resolve()


def test_spanish_headings_keep_their_english_anchors(site_dir):
    """So a link to a section, and the language selector, keep their place."""
    ids = re.compile(r'<h[2-3] id="([^"]+)"')
    for path in ["crisis", "modules/08-coping-with-stress/relaxation-techniques", "worksheets/relapse-prevention-plan",
                 "modules/06-drug-and-alcohol-use/problems-from-use"]:
        english = ids.findall((site_dir / path / "index.html").read_text(encoding="utf-8"))
        spanish = ids.findall((site_dir / LANG / path / "index.html").read_text(encoding="utf-8"))
        assert spanish == english, path


def test_a_spanish_worksheet_saves_each_option_under_its_english_wording(site_dir):
    spanish = (site_dir / LANG / "worksheets" / "recovery-summary" / "index.html").read_text(encoding="utf-8")
    english = (site_dir / "worksheets" / "recovery-summary" / "index.html").read_text(encoding="utf-8")
    values = re.compile(r'<input type="checkbox" id="([^"]+)" name="[^"]+" value="([^"]*)"')
    assert values.findall(spanish) == values.findall(english)
    assert "Hablar con alguien de confianza" in spanish


# ---------------------------------------------------------------- In the browser

def test_the_language_selector_goes_to_the_same_page_and_back(page):
    page.goto("modules/06-drug-and-alcohol-use/problems-from-use/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="es"]').click()
    page.wait_for_url("**/es/modules/06-drug-and-alcohol-use/problems-from-use/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url(re.compile(r".*/modules/06-drug-and-alcohol-use/problems-from-use/$"))
    assert "/es/" not in page.url


def test_an_answer_given_in_spanish_shows_on_the_english_page_and_the_reverse(page):
    page.goto(f"{LANG}/worksheets/recovery-summary/")
    page.get_by_label("Hablar con alguien de confianza").check()
    page.locator("[data-ws-field=work-or-school]").first.fill("Buscar trabajo de medio tiempo")
    page.wait_for_timeout(600)
    page.goto("worksheets/recovery-summary/")
    assert page.get_by_label("Talking with someone I trust").is_checked()
    assert page.locator("[data-ws-field=work-or-school]").first.input_value() == "Buscar trabajo de medio tiempo"
    page.get_by_label("Medication").check()
    page.wait_for_timeout(600)
    page.goto(f"{LANG}/worksheets/recovery-summary/")
    assert page.get_by_label("Los medicamentos").is_checked()


def test_the_worksheet_toolbar_and_status_speak_spanish(page):
    page.goto(f"{LANG}/worksheets/recovery-goal/")
    toolbar = page.locator("[data-ws-toolbar]")
    assert "Imprimir" in toolbar.inner_text()
    page.locator("[data-ws-field=goal]").first.fill("Volver a estudiar")
    status = page.locator(".ws-status").first
    status.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('.ws-status').textContent.trim().length > 0")
    assert re.search(r"[Gg]uardad", status.inner_text()), status.inner_text()


# What a person types in Spanish, and the pages (any of them) that should be in the first three results.
SPANISH_QUERIES = {
    "escucho voces": ["09-persistent-symptoms/hallucinations-and-delusions/"],
    "no puedo dormir": ["11-healthy-lifestyles/sleep/", "09-persistent-symptoms/sleep-stamina-energy/", "worksheets/sleep-log/"],
    "recaída": ["07-reducing-relapses/", "07-reducing-relapses/relapse-prevention-plan/", "07-reducing-relapses/early-warning-signs/",
                "03-stress-vulnerability/reducing-relapses/", "worksheets/relapse-prevention-plan/"],
    "me siento triste": ["09-persistent-symptoms/depression/", "02-practical-facts/handout-2d-major-depression/"],
    "dejar de tomar": ["05-using-medication/informed-decisions/", "05-using-medication/role-of-medication/",
                       "05-using-medication/best-results/", "06-drug-and-alcohol-use/sobriety-plan/"],
    "efectos secundarios": ["05-using-medication/side-effects/", "worksheets/side-effects-plan/"],
    "subir de peso": ["05-using-medication/side-effects/", "11-healthy-lifestyles/diet-part-2/", "11-healthy-lifestyles/diet-part-1/"],
    "preocupación": ["09-persistent-symptoms/anxiety/"],
    "estrés": ["08-coping-with-stress/", "08-coping-with-stress/causes-of-stress/", "08-coping-with-stress/signs-of-stress/",
               "08-coping-with-stress/preventing-and-coping/", "03-stress-vulnerability/causes-of-mental-illness/"],
    "relajarme": ["08-coping-with-stress/relaxation-techniques/"],
    "señales de alerta": ["07-reducing-relapses/early-warning-signs/", "worksheets/early-warning-signs/"],
    "me estoy enfermando otra vez": ["07-reducing-relapses/early-warning-signs/", "worksheets/early-warning-signs/"],
    "enojo": ["09-persistent-symptoms/anger-and-concentration/"],
    "beneficios por discapacidad": ["10-mental-health-system/benefits/", "worksheets/benefits-checklist/"],
    "hacer amigos": ["04-social-support/connecting-with-people/", "04-social-support/closer-relationships/",
                     "worksheets/places-to-meet-people/"],
    "comer sano": ["11-healthy-lifestyles/diet-part-1/", "11-healthy-lifestyles/diet-part-2/", "worksheets/eating-log/"],
    "ejercicio": ["11-healthy-lifestyles/exercise/", "worksheets/activity-plan/"],
    "meta de recuperación": ["01-recovery-strategies/choosing-a-goal/", "worksheets/recovery-goal/"],
    "qué es la recuperación": ["01-recovery-strategies/what-recovery-means/"],
    "estigma": ["02-practical-facts/dealing-with-stigma/"],
    "esquizofrenia": ["02-practical-facts/handout-2a-schizophrenia/"],
    "bipolar": ["02-practical-facts/handout-2c-bipolar-disorder/"],
    "suicidio": ["crisis/", "09-persistent-symptoms/depression/"],
    "sobredosis": ["crisis/", "06-drug-and-alcohol-use/problems-from-use/"],
    "cerveza": ["06-drug-and-alcohol-use/reasons-people-use/", "06-drug-and-alcohol-use/problems-from-use/",
                "worksheets/use-log/"],
    "me siento solo": ["04-social-support/why-support-matters/", "04-social-support/connecting-with-people/"],
    "desencadenantes": ["07-reducing-relapses/triggers/", "worksheets/my-triggers/"],
    "bañarme": ["11-healthy-lifestyles/personal-hygiene/", "worksheets/self-care-routine/"],
}

def test_everyday_spanish_words_find_the_right_page(page):
    """As the English search is tested (tests/test_search.py): each query's page in the first three."""
    assert len(SPANISH_QUERIES) >= 20
    page.goto(f"{LANG}/about/")
    page.locator("input[data-md-component=search-query]").click()
    missed = misses(page, SPANISH_QUERIES)
    assert missed == {}, "\n".join(f"{q!r}: top three were {f}" for q, f in missed.items())


def test_spanish_search_finds_spanish_pages_only(page):
    page.goto(f"{LANG}/")
    page.locator("input[data-md-component=search-query]").click()
    found = top_results(page, "esquizofrenia")
    assert found and all("/es/" in path for path in found)
    assert not any(path.endswith("/es/modules/05-using-medication/side-effects/") for path in found), \
        "the check above can fail: a query for one subject does not return another"
