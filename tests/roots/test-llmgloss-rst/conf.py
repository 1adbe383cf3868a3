extensions = ["sphinx_llmgloss"]
html_theme = "basic"  # what sphinx.testing uses anyway; keeps incremental builds incremental
