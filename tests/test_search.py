"""Search finds what people mean: everyday words lead to the right page, in the real search box."""

from __future__ import annotations

import pytest

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


RESULTS_SHOWN = (
    "() => document.querySelectorAll('.md-search-result__item').length > 0"
    " || /No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
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


def test_everyday_words_find_the_right_page(page):
    assert len(EVERYDAY_QUERIES) >= 30
    page.goto("about/")
    page.locator("input[data-md-component=search-query]").click()
    misses = {}
    for query, wanted in EVERYDAY_QUERIES.items():
        found = top_results(page, query)
        if not any(path.endswith(target) for path in found for target in wanted):
            misses[query] = found
    assert misses == {}, "\n".join(f"{q!r}: top three were {f}" for q, f in misses.items())


def test_search_would_notice_a_wrong_page(page):
    """The check above can fail: a query for one subject does not return another."""
    page.goto("about/")
    page.locator("input[data-md-component=search-query]").click()
    found = top_results(page, "shower")
    assert not any(path.endswith("09-persistent-symptoms/anxiety/") for path in found)
