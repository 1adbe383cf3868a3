# An example Sphinx site for sphinx_llmgloss: reST and MyST pages about LLM serving.
#
#   python -m sphinx -b html examples/sphinx-site /tmp/site                       # alabaster
#   python -m sphinx -b html -D html_theme=furo examples/sphinx-site /tmp/site    # furo
#   python -m sphinx -W -t strict -b html examples/sphinx-site /tmp/site          # what CI runs
#
# The llmgloss options live in pyproject.toml ([tool.llmgloss]); a value set here wins.

project = "Serving LLMs: an llmgloss example"
author = "llmgloss developers"

extensions = ["myst_parser", "sphinx_llmgloss"]
myst_enable_extensions = ["deflist", "attrs_block", "attrs_inline"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}

exclude_patterns = ["_build"]
if tags.has("strict"):  # noqa: F821  (Sphinx provides `tags`)
    # The warnings demo exists to show warnings; strict builds leave it out.
    exclude_patterns.append("warnings-demo.rst")

html_theme = "alabaster"
