-- llmgloss-lsp in Neovim 0.7 to 0.10 (vim.lsp.start_client). Put this in your init.lua,
-- or :luafile it. Hover with K, code actions with vim.lsp.buf.code_action().
local filetypes = {
  "markdown", "rst", "text", "python", "javascript", "typescript", "c", "cpp", "cuda",
  "rust", "go", "java", "sh", "yaml", "toml",
}

local function root_of(path)
  for _, marker in ipairs({"llmgloss.toml", ".llmgloss.toml", "pyproject.toml", ".git"}) do
    local found = vim.fn.findfile(marker, vim.fn.fnamemodify(path, ":p:h") .. ";")
    if found == "" then found = vim.fn.finddir(marker, vim.fn.fnamemodify(path, ":p:h") .. ";") end
    if found ~= "" then return vim.fn.fnamemodify(found, ":p:h"):gsub("/%.git$", "") end
  end
  return vim.fn.getcwd()
end

local clients = {}

vim.api.nvim_create_autocmd("FileType", {
  pattern = filetypes,
  callback = function(args)
    local root = root_of(vim.api.nvim_buf_get_name(args.buf))
    if not clients[root] then
      clients[root] = vim.lsp.start_client({
        name = "llmgloss",
        cmd = {"llmgloss-lsp"},
        root_dir = root,
        workspace_folders = {{uri = vim.uri_from_fname(root), name = root}},
        -- Lowest-priority settings; llmgloss.toml / [tool.llmgloss] win over them.
        settings = {llmgloss = {inlay_hints = false}},
      })
    end
    vim.lsp.buf_attach_client(args.buf, clients[root])
  end,
})
