-- The revert plugin in Lua, for the lua target. The file returns a table of
-- methods; each receives its arguments and, last, a `host` table
-- (host.getConfig(key), host.log(level, message), host.call(name, ...)).
-- A failure that keeps its code is raised as error({code = ..., message = ...}, 0).
local M = { name = 'revert', version = '1.0.0' }

local function invalid(message)
  error({ code = 'INVALID_INPUT', message = message }, 0)
end

-- Byte offsets where each code point starts; refuses bad UTF-8 and surrogates,
-- which well-formed Unicode never encodes.
local function code_point_starts(text)
  if type(text) ~= 'string' then invalid('text must be a string, got ' .. type(text)) end
  local starts, n = {}, 0
  local ok, problem = pcall(function()
    for position, code in utf8.codes(text) do
      if code >= 0xD800 and code <= 0xDFFF then
        error(('lone surrogate at byte %d'):format(position), 0)
      end
      n = n + 1
      starts[n] = position
    end
  end)
  if not ok then invalid('text is not well-formed Unicode: ' .. tostring(problem)) end
  return starts, n
end

-- Reverses by code point: the bytes of each code point stay in order.
function M.revert(text)
  local starts, n = code_point_starts(text)
  local parts = {}
  local stop = #text
  for i = n, 1, -1 do
    parts[n - i + 1] = text:sub(starts[i], stop)
    stop = starts[i] - 1
  end
  return table.concat(parts)
end

-- One callback: asks the host for its prefix, then reverts.
function M.revertWithPrefix(text, host)
  code_point_starts(text)
  local prefix = host.getConfig('prefix') or ''
  return prefix .. M.revert(text)
end

function M.exit() end

return M
