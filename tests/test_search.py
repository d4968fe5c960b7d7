"""Search finds what people mean: everyday words lead to the right page, in the real search box."""

from __future__ import annotations

import functools
import shutil
import threading

import pytest
from playwright.sync_api import expect

from conftest import ROOT, QuietHandler, QuietServer, build_site

pytestmark = pytest.mark.browser

# What a person types, and the pages (any of them) that should be in the first three results.
EVERYDAY_QUERIES = {
    "paranoid": ["09-persistent-symptoms/hallucinations-and-delusions/"],
    "hearing voices": ["09-persistent-symptoms/hallucinations-and-delusions/"],
    "feeling down": ["09-persistent-symptoms/depression/", "02-practical-facts/handout-2d-major-depression/"],
    "my pills": ["05-using-medication/role-of-medication/", "worksheets/my-medications/", "05-using-medication/best-results/"],
    "too tired": ["09-persistent-symptoms/sleep-stamina-energy/"],
    "beer": ["06-drug-and-alcohol-use/reasons-people-use/", "06-drug-and-alcohol-use/problems-from-use/"],
    "can't sleep": ["11-healthy-lifestyles/sleep/", "09-persistent-symptoms/sleep-stamina-energy/"],
    "making friends": ["04-social-support/connecting-with-people/", "04-social-support/closer-relationships/"],
    "side effects": ["05-using-medication/side-effects/"],
    "weight gain": ["05-using-medication/side-effects/", "11-healthy-lifestyles/diet-part-2/"],
    "worried all the time": ["09-persistent-symptoms/anxiety/"],
    "stressed out": ["08-coping-with-stress/causes-of-stress/", "08-coping-with-stress/signs-of-stress/", "08-coping-with-stress/preventing-and-coping/"],
    "calm down": ["08-coping-with-stress/relaxation-techniques/", "09-persistent-symptoms/anxiety/", "08-coping-with-stress/preventing-and-coping/"],
    "breathing exercise": ["08-coping-with-stress/relaxation-techniques/"],
    "warning signs": ["07-reducing-relapses/early-warning-signs/", "worksheets/early-warning-signs/"],
    "relapse plan": ["07-reducing-relapses/relapse-prevention-plan/", "worksheets/relapse-prevention-plan/"],
    "getting angry": ["09-persistent-symptoms/anger-and-concentration/"],
    "can't focus": ["09-persistent-symptoms/anger-and-concentration/"],
    "disability benefits": ["10-mental-health-system/benefits/"],
    "case manager": ["10-mental-health-system/community-services/"],
    "speak up at my appointment": ["10-mental-health-system/advocating-for-yourself/", "worksheets/speaking-up/"],
    "healthy eating": ["11-healthy-lifestyles/diet-part-1/", "11-healthy-lifestyles/diet-part-2/", "worksheets/eating-log/"],
    "exercise": ["11-healthy-lifestyles/exercise/"],
    "shower": ["11-healthy-lifestyles/personal-hygiene/"],
    "setting a goal": ["01-recovery-strategies/choosing-a-goal/", "worksheets/recovery-goal/"],
    "what is recovery": ["01-recovery-strategies/what-recovery-means/"],
    "stigma": ["02-practical-facts/dealing-with-stigma/"],
    "schizophrenia": ["02-practical-facts/handout-2a-schizophrenia/"],
    "bipolar": ["02-practical-facts/handout-2c-bipolar-disorder/"],
    "suicide": ["crisis/", "09-persistent-symptoms/depression/"],
    "drinking": ["06-drug-and-alcohol-use/reasons-people-use/", "06-drug-and-alcohol-use/problems-from-use/"],
    "quit drugs": ["06-drug-and-alcohol-use/sobriety-plan/", "06-drug-and-alcohol-use/pros-and-cons/"],
    "lonely": ["04-social-support/why-support-matters/", "04-social-support/connecting-with-people/"],
    "telling people about my diagnosis": ["04-social-support/sharing-personal-information/"],
    "triggers": ["07-reducing-relapses/triggers/", "worksheets/my-triggers/"],
}


# Results, or Material's line saying there are none (in English or, on a Spanish page, in Spanish).
RESULTS_SHOWN = (
    "() => document.querySelectorAll('.md-search-result__item').length > 0"
    " || /No matching|No se encontr/.test(document.querySelector('.md-search-result__meta').textContent)"
)


def top_results(page, query: str) -> list[str]:
    """Enter the query whole, and read the first three results.

    Typed a letter at a time, a slow machine can show the results for the first
    letters before those for the whole query, and the test would read the wrong
    ones. The search box answers on keyup, so one key after filling asks once.
    """
    box = page.locator("input[data-md-component=search-query]")
    box.press("Control+A")
    box.press("Backspace")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
    box.fill(query)
    box.press("End")
    try:
        page.wait_for_function(RESULTS_SHOWN, timeout=10_000)
    except Exception:
        # Typed while the search index was still loading: one more keystroke asks again.
        box.press("End")
        box.press("Space")
        box.press("Backspace")
        page.wait_for_function(RESULTS_SHOWN, timeout=20_000)
    return page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a",
        "links => links.slice(0, 3).map((a) => new URL(a.href).pathname)",
    )


def misses(page, queries: dict[str, list[str]]) -> dict[str, list[str]]:
    """The queries whose first three results hold none of their pages, with what they held."""
    missed = {}
    for query, wanted in queries.items():
        found = top_results(page, query)
        if not any(path.endswith(target) for path in found for target in wanted):
            missed[query] = found
    return missed


def test_everyday_words_find_the_right_page(page):
    assert len(EVERYDAY_QUERIES) >= 30
    page.goto("about/")
    page.locator("input[data-md-component=search-query]").click()
    missed = misses(page, EVERYDAY_QUERIES)
    assert missed == {}, "\n".join(f"{q!r}: top three were {f}" for q, f in missed.items())


def test_search_would_notice_a_wrong_page(page):
    """The check above can fail: a query for one subject does not return another."""
    page.goto("about/")
    page.locator("input[data-md-component=search-query]").click()
    found = top_results(page, "shower")
    assert not any(path.endswith("09-persistent-symptoms/anxiety/") for path in found)


# ---------------------------------------------------------------- Forgiving search

# Misspelled or accentless queries, as people type them on a phone, and the pages
# (any of them) that should be in the first three results.
MISSPELLED_QUERIES = {
    "skitzophrenia": ["02-practical-facts/handout-2a-schizophrenia/"],
    "schizophrena": ["02-practical-facts/handout-2a-schizophrenia/"],
    "schizoafective": ["02-practical-facts/handout-2b-schizoaffective-disorder/"],
    "bipoler": ["02-practical-facts/handout-2c-bipolar-disorder/"],
    "depresion": ["02-practical-facts/handout-2d-major-depression/", "09-persistent-symptoms/depression/"],
    "anxeity": ["09-persistent-symptoms/anxiety/"],
    "halucinations": ["09-persistent-symptoms/hallucinations-and-delusions/"],
    "delussions": ["09-persistent-symptoms/hallucinations-and-delusions/"],
    "paranoya": ["09-persistent-symptoms/hallucinations-and-delusions/"],
    "alchohol": ["06-drug-and-alcohol-use/reasons-people-use/", "06-drug-and-alcohol-use/problems-from-use/"],
    "nalaxone": ["06-drug-and-alcohol-use/problems-from-use/", "crisis/"],
    "overdoze": ["crisis/", "06-drug-and-alcohol-use/problems-from-use/"],
    "lithum": ["05-using-medication/side-effects/"],
    "clozapene": ["05-using-medication/side-effects/"],
    "medicaton": ["05-using-medication/role-of-medication/", "worksheets/my-medications/"],
    "benifits": ["10-mental-health-system/benefits/", "worksheets/benefits-checklist/"],
    "excercise": ["11-healthy-lifestyles/exercise/"],
    "hygeine": ["11-healthy-lifestyles/personal-hygiene/"],
    "apetite": ["11-healthy-lifestyles/diet-part-2/"],
    "recovrey": ["01-recovery-strategies/what-recovery-means/"],
    "stigmma": ["02-practical-facts/dealing-with-stigma/"],
    "vulnerabilty": ["03-stress-vulnerability/causes-of-mental-illness/"],
    "freinds": ["04-social-support/connecting-with-people/", "04-social-support/closer-relationships/"],
    "conversaton": ["04-social-support/enjoyable-conversations/", "worksheets/conversation-practice/"],
    "relaspe": ["07-reducing-relapses/relapse-prevention-plan/", "03-stress-vulnerability/reducing-relapses/"],
    "triggres": ["07-reducing-relapses/triggers/", "worksheets/my-triggers/"],
    "relaxaton": ["08-coping-with-stress/relaxation-techniques/"],
    "concentraton": ["09-persistent-symptoms/anger-and-concentration/"],
    "suicde": ["crisis/", "09-persistent-symptoms/depression/"],
    "advocat": ["10-mental-health-system/advocating-for-yourself/", "worksheets/speaking-up/"],
    "cravngs": ["06-drug-and-alcohol-use/high-risk-situations/"],
    "sleap": ["11-healthy-lifestyles/sleep/", "09-persistent-symptoms/sleep-stamina-energy/"],
}
NOTE = ".imr-search-forgiving"


def open_search(page, path: str = "about/"):
    page.goto(path)
    page.locator("input[data-md-component=search-query]").click()


def test_misspelled_and_accentless_words_find_the_right_page(page):
    assert len(MISSPELLED_QUERIES) >= 30
    open_search(page)
    missed = misses(page, MISSPELLED_QUERIES)
    assert missed == {}, "\n".join(f"{q!r}: top three were {f}" for q, f in missed.items())


def test_the_words_close_to_line_shows_only_when_the_forgiving_pass_was_used(page):
    open_search(page)
    top_results(page, "bipoler")
    note = page.locator(NOTE)
    expect(note).to_have_text("No exact match. Results for words close to \u201cbipoler\u201d:")
    top_results(page, "bipolar")
    expect(note).to_have_count(0)


def test_a_word_of_three_letters_is_never_corrected(page):
    open_search(page)
    assert top_results(page, "zqx") == []
    expect(page.locator(".md-search-result__meta")).to_contain_text("No matching")
    expect(page.locator(NOTE)).to_have_count(0)


def test_exact_matches_rank_before_the_forgiving_ones(page):
    """A word that has a few exact pages keeps them first; close words only add to them."""
    open_search(page)
    exact = top_results(page, "clozapine")
    assert exact, "the check needs a word with exact matches"
    assert all("clozapin" in page.locator(".md-search-result__item").nth(i).inner_text().lower()
               for i in range(min(2, len(exact))))


NOT_NEEDED_TO_BUILD = shutil.ignore_patterns(".venv", "site", "pdf", "dist", ".git", "__pycache__", "node_modules")


def test_accents_do_not_matter_in_the_index_or_in_the_query(browser, tmp_path):
    """A page with accented words (a test copy of About with a Spanish line) is found by
    the words typed without accents, and the reverse, by the exact pass (no 'close to'
    line), and its result shows the words with their accents."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=NOT_NEEDED_TO_BUILD)
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n\nPrueba de acentos: una recaída no es un fracaso; "
                     "la zozobrá pasa. Sin acentos: la quimerica.\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(base_url=f"http://127.0.0.1:{server.server_address[1]}/")
    page = context.new_page()
    try:
        open_search(page)
        for query in ("recaida", "zozobra", "quimérica"):
            found = top_results(page, query)
            assert any(path.endswith("/about/") for path in found), (query, found)
            expect(page.locator(NOTE)).to_have_count(0)
        top_results(page, "recaida")
        assert "recaída" in page.locator(".md-search-result__item").first.inner_text()
    finally:
        context.close()
        server.shutdown()


def listed_misspellings() -> dict[str, str]:
    """Front matter `misspellings`: each word, and the built path of its page."""
    import yaml

    found = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
        for word in meta.get("misspellings") or []:
            found[word] = path.relative_to(ROOT / "docs").as_posix().removesuffix(".md") + "/"
    return found


def test_each_listed_misspelling_finds_its_page(page):
    """The words kept as data, beyond the forgiving pass's reach, are tested like the rest."""
    words = listed_misspellings()
    assert len(words) >= 10
    open_search(page)
    assert misses(page, {word: [target] for word, target in words.items()}) == {}
