"""The pure feature functions, on documents analysed with a small project glossary."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from lsp_server.features.actions import ADD_TERM, ALLOW_WORD, code_actions
from lsp_server.features.completion import completions
from lsp_server.features.definition import definition
from lsp_server.features.diagnostics import document_diagnostics, problem_diagnostics
from lsp_server.features.hover import hover
from lsp_server.features.inlay import inlay_hints
from lsp_server.features.symbols import workspace_symbols
from lsp_server.state import Project, load_project

from .conftest import MARKDOWN, PYTHON, offset_of, view_of


def _hover_text(result: types.Hover | None) -> str:
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    return result.contents.value


def test_hover_covers_the_whole_multi_word_term(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    result = hover(view, offset_of(MARKDOWN, "cache grows"), project.glossary, True, project.root)
    text = _hover_text(result)
    assert text.startswith("**KV cache**")
    assert "*defined in:* built-in glossary, line" in text
    assert result is not None
    assert result.range == view.table.range(
        offset_of(MARKDOWN, "KV"), offset_of(MARKDOWN, " grows")
    )


def test_hover_names_the_project_file_and_line(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    text = _hover_text(
        hover(view, offset_of(MARKDOWN, "NPU"), project.glossary, True, project.root)
    )
    assert "**Ascend NPU**" in text
    assert "*also:* NPU" in text
    assert "docs/terms.yaml:4" in text


def test_hover_shows_every_sense_of_a_homonym(project: Project) -> None:
    text = "Sampling matters here."
    view = view_of(text, project)
    value = _hover_text(hover(view, 2, project.glossary, True))
    assert value.count("**Sampling (") == 2
    assert "\n---\n" in value


def test_hover_on_a_term_reference_and_plain_text_for_plain_clients(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    at = offset_of(MARKDOWN, "{term}`KV cache`", 8)
    value = _hover_text(hover(view, at, project.glossary, False))
    assert value.startswith("KV cache\n")
    assert "**" not in value


def test_hover_is_none_off_a_term(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    assert hover(view, offset_of(MARKDOWN, "Serving"), project.glossary, True) is None


def test_diagnostics_carry_rule_codes_and_severities(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    found = {d.code: d for d in document_diagnostics(view, 100)}
    assert found["LG001"].severity is types.DiagnosticSeverity.Warning
    assert found["LG002"].severity is types.DiagnosticSeverity.Error
    assert found["LG003"].severity is types.DiagnosticSeverity.Information
    assert "XQZ" in found["LG001"].message


def test_inline_controls_are_honoured(project: Project) -> None:
    text = "<!-- llmgloss: ignore XQZ -->\n\nThe XQZ scheduler.\n"
    assert document_diagnostics(view_of(text, project), 100) == []


def test_severity_from_config_turns_a_rule_off(tmp_path: Path) -> None:
    (tmp_path / "llmgloss.toml").write_text('[severity]\nLG001 = "off"\n', encoding="utf-8")
    project = load_project(tmp_path, {}, {})
    assert document_diagnostics(view_of("The XQZ thing.", project), 100) == []


def test_the_workspace_projects_name_is_not_undefined_jargon(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "qqs-server"\n', encoding="utf-8")
    project = load_project(tmp_path, {}, {})
    found = document_diagnostics(view_of("QQS serves; the XQZ does not.", project), 100)
    assert [d.message.split("'")[1] for d in found] == ["XQZ"]


def test_a_too_large_document_is_reported_not_checked(tmp_path: Path) -> None:
    project = load_project(tmp_path, {"max_file_size": 10}, {})
    found = document_diagnostics(view_of("The XQZ scheduler is new.", project), 100)
    assert len(found) == 1 and "max_file_size" in found[0].message


def test_python_comments_and_docstrings(project: Project) -> None:
    view = view_of(PYTHON, project, "tool.py")
    assert [d.code for d in document_diagnostics(view, 100)] == ["LG001"]
    assert hover(view, offset_of(PYTHON, "KV"), project.glossary, True) is not None


def _titles(actions: list[types.CodeAction]) -> list[str]:
    return [a.title for a in actions]


def _only_edit(action: types.CodeAction) -> types.TextEdit:
    assert action.edit is not None and action.edit.changes is not None
    (edits,) = action.edit.changes.values()
    (edit,) = edits
    return edit


def test_actions_for_undefined_jargon_in_markdown(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    at = offset_of(MARKDOWN, "XQZ")
    actions = {a.title: a for a in code_actions(view, at, at, project.glossary)}
    ignore = _only_edit(actions["Ignore 'XQZ' in this file"])
    assert ignore.new_text == "<!-- llmgloss: ignore XQZ -->\n"
    assert ignore.range.start == types.Position(line=0, character=0)
    assert _only_edit(actions["Expand 'XQZ' at its first use"]).new_text == "XQZ (…)"
    commands = [a.command.command for a in actions.values() if a.command]
    assert sorted(commands) == [ADD_TERM, ALLOW_WORD]


def test_ignore_uses_the_comment_style_of_the_file(project: Project) -> None:
    view = view_of("#!/usr/bin/env python\n# The XQZ path.\n", project, "x.py")
    at = view.text.index("XQZ")
    (ignore,) = [a for a in code_actions(view, at, at, project.glossary) if "Ignore" in a.title]
    edit = _only_edit(ignore)
    assert edit.new_text == "# llmgloss: ignore XQZ\n"
    assert edit.range.start.line == 1
    rst = view_of("The XQZ path.\n", project, "x.rst")
    (ignore,) = [a for a in code_actions(rst, 4, 4, project.glossary) if "Ignore" in a.title]
    assert _only_edit(ignore).new_text == ".. llmgloss: ignore XQZ\n\n"


def test_ignore_extends_an_existing_control(project: Project) -> None:
    text = "<!-- llmgloss: ignore ABC -->\n\nThe XQZ path.\n"
    view = view_of(text, project)
    at = text.index("XQZ")
    (ignore,) = [a for a in code_actions(view, at, at, project.glossary) if "Ignore" in a.title]
    edit = _only_edit(ignore)
    assert edit.new_text == ", XQZ"
    assert edit.range.start == types.Position(line=0, character=25)


def test_link_and_replace_actions(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    at = offset_of(MARKDOWN, "KV cache grows")
    (link,) = [a for a in code_actions(view, at, at, project.glossary) if "Link" in a.title]
    assert _only_edit(link).new_text == "{term}`KV cache`"
    rst = view_of("The KV caches fill up.\n", project, "x.rst")
    (link,) = [a for a in code_actions(rst, 5, 5, project.glossary) if "Link" in a.title]
    assert _only_edit(link).new_text == ":term:`KV caches`"
    at = offset_of(MARKDOWN, "widgetcache")
    titles = _titles(code_actions(view, at, at, project.glossary))
    assert "Replace with 'Widget cache'" in titles
    at = offset_of(MARKDOWN, "Nopeterm")
    assert all("Link" not in t for t in _titles(code_actions(view, at, at, project.glossary)))


def test_expand_a_glossary_acronym_at_first_use(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    at = offset_of(MARKDOWN, "TTFT")
    (expand,) = [a for a in code_actions(view, at, at, project.glossary) if "Expand" in a.title]
    assert _only_edit(expand).new_text == "time to first token (TTFT)"


def test_completion_inside_a_term_role(project: Project) -> None:
    text = "See {term}`KV"
    view = view_of(text, project)
    result = completions(view, len(text), project.glossary, True)
    assert result is not None
    labels = {item.label: item for item in result.items}
    assert "KV cache" in labels and "Ascend NPU" in labels
    edit = labels["KV cache"].text_edit
    assert isinstance(edit, types.TextEdit)
    assert edit.range == view.table.range(len(text) - 2, len(text))
    assert completions(view_of("See KV", project), 6, project.glossary, True) is None


def test_definition_jumps_to_the_yaml_line(project: Project) -> None:
    view = view_of(MARKDOWN, project)
    (where,) = definition(view, offset_of(MARKDOWN, "NPU"), project.glossary)
    assert where.uri.endswith("docs/terms.yaml")
    assert where.range.start.line == 3


def test_definition_prefers_a_glossary_in_the_document(project: Project) -> None:
    text = ".. glossary::\n\n   Frobnicator\n      A thing.\n\nSee :term:`Frobnicator`.\n"
    view = view_of(text, project, "x.rst")
    (where,) = definition(view, text.index("Frobnicator`"), project.glossary)
    assert where.uri == view.uri and where.range.start.line == 2


def test_workspace_symbols(project: Project) -> None:
    names = [s.name for s in workspace_symbols("npu", project.glossary)]
    assert names == ["Ascend NPU"]


def test_inlay_hints_expand_acronyms_once(project: Project) -> None:
    text = "TTFT is key. TTFT again."
    view = view_of(text, project)
    hints = inlay_hints(view, 0, len(text), project.glossary)
    assert [h.label for h in hints] == [" (time to first token)"]


def test_problem_diagnostics_point_at_the_line(tmp_path: Path) -> None:
    (tmp_path / "llmgloss.toml").write_text("builtin = 3\n", encoding="utf-8")
    project = load_project(tmp_path, {}, {})
    (found,) = problem_diagnostics(project.problems, "builtin = 3\n", "utf-16")
    assert found.range.start.line == 0 and "builtin" in found.message


def test_terms_defined_in_another_document_are_not_unknown(project: Project) -> None:
    from lsp_server.workspace_terms import scan

    glossary_rst = project.root / "glossary.rst"
    glossary_rst.write_text(".. glossary::\n\n   Frobnicator\n      A thing.\n", encoding="utf-8")
    terms = scan(project.root, project.config)
    assert [d.term for d in terms.find("frobnicator")] == ["Frobnicator"]
    text = "See :term:`Frobnicator` and :term:`Nope`.\n"
    view = view_of(text, project, "index.rst")
    assert [d.code for d in document_diagnostics(view, 100)] == ["LG002", "LG002"]
    assert [d.code for d in document_diagnostics(view, 100, terms.keys())] == ["LG002"]
    here = types.Location(uri=glossary_rst.as_uri(), range=view.table.range(0, 0))
    (where,) = definition(view, text.index("Frob"), project.glossary, lambda term: [here])
    assert where == here
    terms.update(glossary_rst.resolve(), "Nothing here.\n")
    assert terms.find("Frobnicator") == []
