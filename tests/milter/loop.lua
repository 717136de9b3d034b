-- Traffic for reload and fault tests: sends one message file over a new
-- connection again and again, until the file MT_STOP exists, and prints
-- one word per message: reject, accept, tempfail, other or failed (no
-- answer, the connection broke). Environment: MT_SOCK, MT_FILE, MT_STOP.
local sock, file, stop = os.getenv("MT_SOCK"), os.getenv("MT_FILE"), os.getenv("MT_STOP")

local f = assert(io.open(file, "rb"))
local data = f:read("*a")
f:close()
local head, body = data:match("^(.-)\r?\n\r?\n(.*)$")
if head == nil then head, body = data, "" end
head = head:gsub("\r?\n[ \t]", " ")
local hdrs = {}
for line in (head .. "\n"):gmatch("(.-)\r?\n") do
	local name, value = line:match("^([^:]+):%s?(.*)$")
	if name ~= nil then hdrs[#hdrs + 1] = { name, value } end
end

local function word(r)
	if r == SMFIR_REPLYCODE then return "reject" end
	if r == SMFIR_ACCEPT then return "accept" end
	if r == SMFIR_TEMPFAIL then return "tempfail" end
	return "other"
end

local function one()
	local conn = mt.connect(sock, 20, 0.1)
	if conn == nil then return "failed" end
	if mt.conninfo(conn, "client.example", "192.0.2.10") ~= nil then return "failed" end
	mt.macro(conn, SMFIC_MAIL, "i", "LOOPQID")
	if mt.mailfrom(conn, "<a@kommun.example>") ~= nil then return "failed" end
	local r = mt.getreply(conn)
	if r ~= SMFIR_CONTINUE then mt.disconnect(conn); return word(r) end
	if mt.rcptto(conn, "<extern@region.example>") ~= nil then return "failed" end
	for _, h in ipairs(hdrs) do
		if mt.header(conn, h[1], h[2]) ~= nil then return "failed" end
	end
	if mt.eoh(conn) ~= nil then return "failed" end
	for i = 1, #body, 65000 do
		if mt.bodystring(conn, body:sub(i, i + 64999)) ~= nil then return "failed" end
	end
	if mt.eom(conn) ~= nil then return "failed" end
	r = mt.getreply(conn)
	mt.disconnect(conn)
	return word(r)
end

while true do
	local s = io.open(stop, "r")
	if s ~= nil then s:close(); break end
	local ok, w = pcall(one)
	if not ok then w = "failed" end
	io.stdout:write(w, "\n")
	io.stdout:flush()
end
