"""The build-time hooks, tested directly: field syntax and curriculum source."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError

import curriculum
import worksheets


def render(markdown: str, sheet: str = "demo") -> str:
    return worksheets.render_fields_blocks(markdown, sheet=sheet, path="worksheets/demo.md", first_line=3)


class TestFieldSyntax:
    def test_each_kind_renders_labelled_markup(self):
        html = render(
            "```fields\n"
            "- short: name\n  label: Name\n"
            "- long: story\n  label: Story\n  hint: Take your time.\n  lines: 6\n"
            "- date: when\n  label: Date\n"
            "- checklist: helpers\n  label: Helpers\n  options: [A friend, Family]\n  other: true\n"
            "- choice: mood\n  label: Mood\n  options: [Good, Low]\n"
            "- rating: sure\n  label: Sure\n  low: Not at all\n  high: Very\n"
            "- table: steps\n  label: Steps\n  columns: [Step, When]\n  rows: 2\n"
            "```\n"
        )
        assert '<label class="ws-label" for="ws-demo-name">Name</label>' in html
        assert 'aria-describedby="ws-demo-story-hint"' in html and 'rows="6"' in html
        assert 'type="date"' in html
        assert "<legend" in html and 'value="A friend"' in html and 'data-ws-field="helpers:other"' in html
        assert html.count('type="radio"') == 2 + 11
        assert html.count('data-ws-row="1"') == 2
        assert 'data-ws-sheet="demo"' in html

    def test_keys_come_from_names_not_wording(self):
        before = render("```fields\n- long: goal\n  label: My goal\n```\n")
        after = render("```fields\n- short: first\n  label: First\n- long: goal\n  label: What I want most\n```\n")
        key = re.compile(r'data-ws-field="goal"')
        assert key.search(before) and key.search(after)

    def test_labels_and_options_are_escaped(self):
        html = render('```fields\n- checklist: x\n  label: "<b>bold</b>"\n  options: ["<script>", "a & b"]\n```\n')
        assert "<b>" not in html and "<script>" not in html
        assert "&lt;script&gt;" in html and "a &amp; b" in html

    def test_missing_label_is_an_error_with_file_and_line(self):
        with pytest.raises(PluginError, match=r"worksheets/demo\.md:6 .*needs a label"):
            render("Intro\n\n```fields\n- long: goal\n```\n")

    def test_duplicate_name_is_an_error(self):
        with pytest.raises(PluginError, match="already used on this page"):
            render("```fields\n- long: goal\n  label: A\n```\n\n```fields\n- short: goal\n  label: B\n```\n")

    def test_unknown_kind_is_an_error(self):
        with pytest.raises(PluginError, match="name exactly one kind"):
            render("```fields\n- slider: mood\n  label: Mood\n```\n")

    def test_unknown_setting_is_an_error(self):
        with pytest.raises(PluginError, match="unknown settings: colour"):
            render("```fields\n- short: a\n  label: A\n  colour: red\n```\n")

    @pytest.mark.parametrize("settings, message", [
        ("  measure: median\n", "must be total or mean"),
        ("  columns: [Only one]\n", "one column heading for each name in sum"),
        ("  columns: [A|B, C]\n", "cannot hold '|'"),
    ])
    def test_a_history_with_a_bad_setting_is_an_error(self, settings, message):
        block = ("```fields\n- rating: a\n  label: A\n  min: 1\n  max: 5\n- rating: b\n  label: B\n  min: 1\n  max: 5\n"
                 "- history: reviews\n  label: Reviews\n  sum: [a, b]\n" + settings + "```\n")
        with pytest.raises(PluginError, match=message):
            render(block)

    def test_bad_name_is_an_error(self):
        with pytest.raises(PluginError, match="lowercase letters"):
            render("```fields\n- short: My Answer\n  label: A\n```\n")

    def test_invalid_yaml_is_an_error(self):
        with pytest.raises(PluginError, match="not valid YAML"):
            render("```fields\n- table: t\n  label: T\n  columns: [Done?]\n```\n")

    def test_other_code_fences_are_left_alone(self):
        source = "````markdown\n```fields\n- short: a\n  label: A\n```\n````\n"
        assert render(source) == source


class TestCurriculumSource:
    def test_the_real_curriculum_parses(self):
        data = curriculum.load_curriculum(curriculum.Path(__file__).resolve().parent.parent)
        assert len(data.modules) == 11
        assert sum(len(m.topics) for m in data.modules) == 53

    def test_modules_out_of_order_are_an_error(self):
        data = {"modules": [
            {"number": 2, "slug": "02-x", "title": "X", "summary": "S", "topics": [{"slug": "a", "short": "A", "title": "A"}]},
        ]}
        with pytest.raises(PluginError, match="numbered 1, 2, 3"):
            curriculum.parse_curriculum(data)

    def test_worksheet_naming_an_unknown_topic_is_an_error(self):
        data = {"modules": [{
            "number": 1, "slug": "01-x", "title": "X", "summary": "S",
            "topics": [{"slug": "a", "short": "A", "title": "A"}],
            "worksheets": [{"slug": "w", "title": "W", "topics": ["nope"], "purpose": "P"}],
        }]}
        with pytest.raises(PluginError, match="names topics"):
            curriculum.parse_curriculum(data)

    def test_relative_links_between_pages(self):
        assert curriculum.link("worksheets/goal.md", "modules/01-x/topic.md") == "../../worksheets/goal.md"
        assert curriculum.link("modules/01-x/b.md", "modules/01-x/a.md") == "b.md"


class TestScores:
    def test_score_names_the_fields_it_adds(self):
        html = render(
            "```fields\n- rating: a\n  label: A\n  min: 1\n  max: 5\n- rating: b\n  label: B\n  min: 1\n  max: 5\n"
            "- score: total\n  label: Total\n  sum: [a, b]\n  below: 4\n```\n"
        )
        assert 'data-ws-sum="a b"' in html and 'data-ws-score-below="4"' in html and "<output" in html

    def test_score_of_a_missing_field_is_an_error(self):
        with pytest.raises(PluginError, match="does not have"):
            render("```fields\n- rating: a\n  label: A\n- score: total\n  label: Total\n  sum: [a, zz]\n```\n")


def test_pages_lose_indentation_and_blank_lines_but_not_inside_pre_textarea_or_scripts():
    import minify

    page = "<div>\n    <p>One\n\n      two</p>\n</div>\n<pre>  kept\n\n  as is</pre>\n  <textarea>\n  typed\n</textarea><script>\n  let a = `x\n\n  y`;\n</script>"
    assert minify.squeeze_white_space(page) == (
        "<div>\n<p>One\ntwo</p>\n</div>\n<pre>  kept\n\n  as is</pre>\n<textarea>\n  typed\n</textarea>"
        "<script>\n  let a = `x\n\n  y`;\n</script>"
    )
