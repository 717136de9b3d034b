-- Sends one message file to a running invite-milter and checks the reply.
-- Environment: MT_SOCK, MT_FILE, MT_IP, MT_FROM, MT_AUTH, MT_HOOK, MT_REPLY,
-- MT_RCPT (recipients separated by spaces; default <extern@region.example>),
-- MT_RCPT_FILE (one recipient a line, instead of MT_RCPT)
-- (the last four optional),
-- MT_EXPECT = accept | reject | flag | notours (accepted at MAIL FROM) |
--             tempfail-mail (4xx at MAIL FROM) |
--             plain (accepted at end of headers) | tempfail (4xx at end of message) |
--             redact (accepted with a new body and the policy header) |
--             split (accepted, the policy header, MT_DROPPED removed)
-- Over a unix socket MAIL gets no reply from invite-milter (SMFIP_NR_MAIL;
-- miltertest does not offer it, so libmilter answers CONTINUE for it): the
-- decision taken at MAIL (notours, tempfail-mail) comes at end of headers.
local sock, file, ip = os.getenv("MT_SOCK"), os.getenv("MT_FILE"), os.getenv("MT_IP")
local from, auth, expect = os.getenv("MT_FROM"), os.getenv("MT_AUTH"), os.getenv("MT_EXPECT")

local conn = mt.connect(sock, 40, 0.25)
if conn == nil then error("cannot connect to " .. sock) end
if mt.conninfo(conn, "client.example", ip) ~= nil then error("conninfo failed") end
-- one call: each mt.macro() replaces the macros of its stage
if auth ~= nil and auth ~= "" then
	mt.macro(conn, SMFIC_MAIL, "i", "TESTQID", "{auth_authen}", auth)
else
	mt.macro(conn, SMFIC_MAIL, "i", "TESTQID")
end
if mt.mailfrom(conn, from) ~= nil then error("mailfrom failed") end
local at_mail = { notours = SMFIR_ACCEPT, ["tempfail-mail"] = SMFIR_TEMPFAIL }
local deferred = at_mail[expect] ~= nil and sock:sub(1, 5) == "unix:"
if at_mail[expect] ~= nil and not deferred then
	if mt.getreply(conn) ~= at_mail[expect] then error("no " .. expect .. " reply at MAIL FROM") end
	mt.disconnect(conn)
	return
end
if mt.getreply(conn) ~= SMFIR_CONTINUE then error("mailfrom: unexpected reply") end
local rcpts = os.getenv("MT_RCPT")
local rfile = os.getenv("MT_RCPT_FILE")
if rfile ~= nil and rfile ~= "" then
	-- MT_RCPT_FILE: one recipient a line (thousands: too many for the
	-- environment), instead of MT_RCPT
	for r in io.lines(rfile) do
		if mt.rcptto(conn, r) ~= nil then error("rcptto failed") end
	end
else
	if rcpts == nil or rcpts == "" then rcpts = "<extern@region.example>" end
	for r in rcpts:gmatch("%S+") do
		if mt.rcptto(conn, r) ~= nil then error("rcptto failed") end
	end
end

local f = assert(io.open(file, "rb"))
local data = f:read("*a")
f:close()
local head, body = data:match("^(.-)\r?\n\r?\n(.*)$")
if head == nil then head, body = data, "" end
head = head:gsub("\r?\n[ \t]", " ")
for line in (head .. "\n"):gmatch("(.-)\r?\n") do
	local name, value = line:match("^([^:]+):%s?(.*)$")
	if name ~= nil then
		if mt.header(conn, name, value) ~= nil then error("header failed") end
	end
end
if mt.eoh(conn) ~= nil then error("eoh failed") end
if deferred then
	if mt.getreply(conn) ~= at_mail[expect] then error("no " .. expect .. " reply at end of headers (unix socket)") end
	mt.disconnect(conn)
	return
end
if expect == "plain" then
	if mt.getreply(conn) ~= SMFIR_ACCEPT then error("not accepted at end of headers") end
	mt.disconnect(conn)
	return
end
-- MT_HOOK: a shell command run between the headers and the body (the
-- message is in flight: e.g. a reload that must not change its verdict)
local hook = os.getenv("MT_HOOK")
if hook ~= nil and hook ~= "" and not os.execute(hook) then error("hook failed") end
-- body chunks of at most 64 KB, as an MTA sends them
for i = 1, #body, 65000 do
	if mt.bodystring(conn, body:sub(i, i + 64999)) ~= nil then error("body failed") end
end
if mt.eom(conn) ~= nil then error("eom failed") end
local r = mt.getreply(conn)
if expect == "reject" then
	if r ~= SMFIR_REPLYCODE then error("expected a 550 reply") end
	-- MT_REPLY: the whole multi-line reply, lines joined by CRLF
	-- (miltertest compares at most 1023 bytes)
	local want = os.getenv("MT_REPLY")
	if want ~= nil and want ~= "" and not mt.eom_check(conn, MT_SMTPREPLY, want) then
		error("reply text differs")
	end
elseif expect == "tempfail" then
	-- a 4xx, plain or with a reply text (MT_REPLY: that text)
	if r ~= SMFIR_TEMPFAIL and r ~= SMFIR_REPLYCODE then error("expected tempfail") end
	local want = os.getenv("MT_REPLY")
	if want ~= nil and want ~= "" and not mt.eom_check(conn, MT_SMTPREPLY, want) then
		error("reply text differs")
	end
elseif expect == "flag" then
	if r ~= SMFIR_ACCEPT then error("expected accept") end
	if not mt.eom_check(conn, MT_HDRADD, "X-Invite-Policy") then error("no X-Invite-Policy header") end
	if not mt.eom_check(conn, MT_HDRCHANGE, "X-Invite-Policy") then error("forged header not removed") end
	local tag = os.getenv("MT_TAG")
	if tag ~= nil and tag ~= "" and not mt.eom_check(conn, MT_HDRCHANGE, "Subject") then error("subject not tagged") end
elseif expect == "flaghidden" then
	-- flagged for an external recipient: no header added ([milter]
	-- flag_external), a forged copy still removed
	if r ~= SMFIR_ACCEPT then error("expected accept") end
	if mt.eom_check(conn, MT_HDRADD, "X-Invite-Policy") then error("header added for an external recipient") end
	if not mt.eom_check(conn, MT_HDRCHANGE, "X-Invite-Policy") then error("forged header not removed") end
elseif expect == "hold" then
	-- into the MTA's hold queue: accepted, with a quarantine reason
	if r ~= SMFIR_ACCEPT then error("expected accept") end
	if not mt.eom_check(conn, MT_QUARANTINE) then error("not quarantined") end
elseif expect == "split" then
	-- [milter] split_series: accepted, the policy header added and the
	-- recipient MT_DROPPED removed
	if r ~= SMFIR_ACCEPT then error("expected accept") end
	if not mt.eom_check(conn, MT_HDRADD, "X-Invite-Policy") then error("no X-Invite-Policy header") end
	if not mt.eom_check(conn, MT_RCPTDELETE, os.getenv("MT_DROPPED")) then error("recipient not removed") end
elseif expect == "redact" then
	if r ~= SMFIR_ACCEPT then error("expected accept") end
	if not mt.eom_check(conn, MT_HDRADD, "X-Invite-Policy") then error("no X-Invite-Policy header") end
	if not mt.eom_check(conn, MT_BODYCHANGE) then error("body not replaced") end
else
	if r ~= SMFIR_ACCEPT then error("expected accept") end
	if mt.eom_check(conn, MT_HDRADD, "X-Invite-Policy") then error("unexpected header") end
end
mt.disconnect(conn)
