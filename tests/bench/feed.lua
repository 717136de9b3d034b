-- feed.lua: one message file to a running milter, as an MTA would send
-- it (headers, then body chunks of 64 KB), for the cost-growth bench.
-- Any final reply is fine: the bench measures, it does not judge.
-- Environment: MT_SOCK, MT_FILE.
local conn = mt.connect(os.getenv("MT_SOCK"), 40, 0.25)
if conn == nil then error("cannot connect") end
if mt.conninfo(conn, "client.example", "127.0.0.1") ~= nil then error("conninfo") end
mt.macro(conn, SMFIC_MAIL, "i", "BENCHQID")
if mt.mailfrom(conn, "<a@kommun.example>") ~= nil then error("mailfrom") end
if mt.rcptto(conn, "<extern@region.example>") ~= nil then error("rcptto") end
local f = assert(io.open(os.getenv("MT_FILE"), "rb"))
local data = f:read("*a")
f:close()
local head, body = data:match("^(.-)\r?\n\r?\n(.*)$")
head = head:gsub("\r?\n[ \t]", " ")
for line in (head .. "\n"):gmatch("(.-)\r?\n") do
	local name, value = line:match("^([^:]+):%s?(.*)$")
	if name ~= nil and mt.header(conn, name, value) ~= nil then error("header") end
end
if mt.eoh(conn) ~= nil then error("eoh") end
for i = 1, #body, 65000 do
	if mt.bodystring(conn, body:sub(i, i + 64999)) ~= nil then error("body") end
end
if mt.eom(conn) ~= nil then error("eom") end
mt.getreply(conn)
mt.disconnect(conn)
