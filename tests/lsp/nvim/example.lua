-- After an example config is sourced: open LLMGLOSS_FILE, wait for llmgloss diagnostics,
-- write their messages to LLMGLOSS_OUT as JSON.
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("LLMGLOSS_FILE")))
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local messages = {}
for _, diagnostic in ipairs(vim.diagnostic.get(0)) do
  table.insert(messages, diagnostic.message)
end
local file = io.open(os.getenv("LLMGLOSS_OUT"), "w")
file:write(vim.fn.json_encode({ok = ok, filetype = vim.bo.filetype, messages = messages}))
file:close()
vim.cmd("qa!")
