"""Which text of a doctree is prose, on trees built by hand (no Sphinx build)."""

from __future__ import annotations

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes

from sphinx_llmgloss.sphinxext import prose


def _paragraph(text: str) -> nodes.paragraph:
    return nodes.paragraph(text, text)


def _document(*children: nodes.Node) -> nodes.document:
    document = new_document("<test>")
    document.extend(children)
    return document


def test_card_titles_of_sphinx_design_are_not_prose() -> None:
    card = nodes.container(classes=["sd-card"])
    card += nodes.container("", nodes.Text("KV cache card"), classes=["sd-card-title"])
    card += _paragraph("Card body")
    assert [str(t) for t in prose.collect(_document(card)).texts] == ["Card body"]


def test_badges_of_sphinx_design_are_not_prose() -> None:
    # {bdg-primary}`KV cache` is a label, like :guilabel:
    para = nodes.paragraph()
    para += nodes.inline("", "KV cache", classes=["sd-badge", "sd-bg-primary"])
    para += nodes.Text(" after the badge")
    assert [str(t) for t in prose.collect(_document(para)).texts] == [" after the badge"]


def test_inlined_pages_are_listed_not_collected() -> None:
    inner = addnodes.start_of_file(docname="inner")
    inner += _paragraph("Inner page")
    collected = prose.collect(_document(_paragraph("Root page"), inner))
    assert [str(t) for t in collected.texts] == ["Root page"]
    assert collected.files == [inner]
    assert [str(t) for t in prose.collect(inner).texts] == ["Inner page"]


def test_labels_and_option_arguments_are_not_prose() -> None:
    citation = nodes.citation("", nodes.label("", "TTFT"), _paragraph("The citation"))
    option = nodes.option("", nodes.option_string("", "--model"))
    option += nodes.option_argument("", "NAME")
    item = nodes.option_list_item("", nodes.option_group("", option))
    item += nodes.description("", _paragraph("Serve it"))
    collected = prose.collect(_document(citation, nodes.option_list("", item)))
    assert [str(t) for t in collected.texts] == ["The citation", "Serve it"]
