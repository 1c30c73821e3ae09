-- Neovim drives the built server as a writer's editor would: open a story with a wrong
-- Word Count, attach `node dist/server/main.js --stdio`, wait for the diagnostic, complete
-- after `Rating: `, and ask for fic/stats (AO3 method, set in init_options). Prints one
-- line per check and `RESULT PASS|FAIL`, and exits non-zero on failure.
--
-- Uses the API of Neovim 0.7 (vim.lsp.start_client + buf_attach_client), Debian's version;
-- newer releases still have it. Run by test/lsp/nvim.test.ts:
--   FIC_SERVER=dist/server/main.js FIC_FILE=story.fic \
--     nvim --headless --clean -u NONE -i NONE -n -c 'luafile test/lsp/nvim/check.lua'

local function out(line) io.stdout:write(line .. '\n') end
local failures = 0
local function check(ok, what, detail)
  out((ok and 'ok   ' or 'FAIL ') .. what .. (detail and (': ' .. detail) or ''))
  if not ok then failures = failures + 1 end
end

local function lsp_code(d)
  -- 0.7 keeps the LSP diagnostic in user_data; later versions also copy `code` up.
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function run()
  local server = assert(vim.env.FIC_SERVER, 'set FIC_SERVER to dist/server/main.js')
  local file = assert(vim.env.FIC_FILE, 'set FIC_FILE to a story')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'fic'

  local client_id = vim.lsp.start_client({
    name = 'fic',
    cmd = { vim.env.FIC_NODE or 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    -- 0.7 neither announces workspace/configuration nor sends `settings` on its own, so
    -- this is how its users set options: the README shows the same.
    init_options = { settings = { fic = { wordCount = { method = 'ao3' } } } },
  })
  check(client_id ~= nil, 'start_client')
  if not client_id then return end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function mismatch()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if lsp_code(d) == 'word-count-mismatch' then return d end
    end
  end
  vim.wait(15000, function() return mismatch() ~= nil end, 20)
  local d = mismatch()
  check(d ~= nil, 'word-count-mismatch published', vim.json.encode(vim.tbl_map(function(x)
    return { lnum = x.lnum, code = lsp_code(x), message = x.message }
  end, vim.diagnostic.get(bufnr))))
  if d then check(d.lnum == 5, 'on the Word Count line', 'lnum ' .. tostring(d.lnum)) end

  local params = vim.lsp.util.make_position_params()
  params.position = { line = 3, character = 8 } -- just after `Rating: `
  local answers = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 5000)
  local labels = {}
  for _, answer in pairs(answers or {}) do
    local result = answer.result or {}
    for _, item in ipairs(result.items or result) do table.insert(labels, item.label) end
  end
  check(vim.tbl_contains(labels, 'Teen And Up Audiences') and vim.tbl_contains(labels, 'PG-13'),
    'completion after Rating: offers ratings', vim.json.encode(labels))

  local stats = vim.lsp.buf_request_sync(bufnr, 'fic/stats', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, 5000)
  local result = {}
  for _, answer in pairs(stats or {}) do result = answer.result or {} end
  check(result.method == 'ao3' and result.words == 37, 'fic/stats counts the body by AO3, as init_options asked',
    tostring(result.method) .. ' ' .. tostring(result.words))

  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(run)
if not ok then check(false, 'the check itself', tostring(err)) end
out(failures == 0 and 'RESULT PASS' or 'RESULT FAIL')
vim.cmd(failures == 0 and 'qa!' or 'cq')
