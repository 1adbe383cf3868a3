-- Drive llmgloss-lsp from headless Neovim (0.7+): open files, collect hovers and diagnostics.
-- Environment: LLMGLOSS_ROOT (project folder), LLMGLOSS_PYTHON, LLMGLOSS_OUT (JSON result).
local root = os.getenv("LLMGLOSS_ROOT")
local out = {hovers = {}, diagnostics = {}, errors = {}}
local diagnostics = {}

local client_id = vim.lsp.start_client({
  name = "llmgloss",
  cmd = {os.getenv("LLMGLOSS_PYTHON"), "-m", "lsp_server"},
  root_dir = root,
  workspace_folders = {{uri = vim.uri_from_fname(root), name = "ws"}},
  handlers = {
    ["textDocument/publishDiagnostics"] = function(_, result)
      diagnostics[result.uri] = result.diagnostics
    end,
  },
})

local function check(path, filetype, line, character)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  vim.bo.filetype = filetype
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  vim.wait(15000, function() return diagnostics[uri] ~= nil end, 20)
  out.diagnostics[filetype] = diagnostics[uri] or vim.NIL
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", {
    textDocument = {uri = uri},
    position = {line = line, character = character},
  }, 10000)
  local text = vim.NIL
  for _, response in pairs(responses or {}) do
    if response.err then table.insert(out.errors, vim.inspect(response.err)) end
    if response.result then text = response.result.contents.value end
  end
  out.hovers[filetype] = text
end

local ok, err = pcall(function()
  check(root .. "/docs/notes.md", "markdown", 2, 9)
  check(root .. "/tool.py", "python", 0, 20)
end)
if not ok then table.insert(out.errors, tostring(err)) end
local file = io.open(os.getenv("LLMGLOSS_OUT"), "w")
file:write(vim.fn.json_encode(out))
file:close()
vim.lsp.stop_client(client_id)
vim.cmd("qa!")
