-- llmgloss-lsp in Neovim 0.11+ (vim.lsp.config / vim.lsp.enable). Put this in your init.lua,
-- or save it as lsp/llmgloss.lua (returning the table) and call vim.lsp.enable("llmgloss").
vim.lsp.config("llmgloss", {
  cmd = {"llmgloss-lsp"},
  filetypes = {
    "markdown", "rst", "text", "python", "javascript", "typescript", "c", "cpp", "cuda",
    "rust", "go", "java", "sh", "yaml", "toml",
  },
  root_markers = {"llmgloss.toml", ".llmgloss.toml", "pyproject.toml", ".git"},
  settings = {llmgloss = {inlay_hints = true}},
})
vim.lsp.enable("llmgloss")
-- Inlay hints (acronym expansions) are shown only when both sides agree:
-- vim.lsp.inlay_hint.enable(true)
