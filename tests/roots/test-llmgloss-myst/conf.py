extensions = ["myst_parser", "sphinx_llmgloss"]
myst_enable_extensions = ["deflist", "attrs_block", "attrs_inline"]
html_theme = "basic"  # what sphinx.testing uses anyway; keeps incremental builds incremental
