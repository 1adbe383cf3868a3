extensions = ["myst_parser", "sphinx_llmgloss"]
llmgloss_link = "every"
llmgloss_exclude_terms = ["vLLM"]
llmgloss_builtin = "yes please"
llmgloss_glossaries = ["terms.yaml"]
html_theme = "basic"  # what sphinx.testing uses anyway; keeps incremental builds incremental
