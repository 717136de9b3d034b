# A private Postfix on 127.0.0.1 for tests and the demo (see
# ../shared/notes): its own config, queue and log under $PF_DIR, a smtpd
# wired to invite-milter, delivery to smtp-sink dumping into $PF_DIR/sink.
# Source it; call pf_start MILTER_SOCKET and pf_stop (also from a trap).
# Sets PF_PORT (SMTP in) and PF_SINK.
# Optional, for the benchmarks: PF_MAIN_EXTRA and PF_MASTER_EXTRA (lines
# appended to main.cf and master.cf), PF_SINK_DUMP=no (the sink counts
# but stores nothing).
pf_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pf_start() {		# milter socket as Postfix writes it: unix:/path or inet:127.0.0.1:port
	PF_DIR=$(mktemp -d /tmp/im-postfix.XXXXXX)
	chmod 755 "$PF_DIR"
	PF_PORT=$(pf_free_port)
	PF_SINKPORT=$(pf_free_port)
	PF_SINK=$PF_DIR/sink
	mkdir -p "$PF_DIR/queue" "$PF_DIR/data" "$PF_SINK"
	chown postfix "$PF_DIR/data"
	chown nobody "$PF_SINK"
	cat >"$PF_DIR/main.cf" <<EOC
compatibility_level = 3.6
queue_directory = $PF_DIR/queue
data_directory = $PF_DIR/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = $PF_DIR/maillog
maillog_file_prefixes = $PF_DIR
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = relay.kommun.example
mydestination =
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$PF_SINKPORT
smtp_dns_support_level = disabled
smtputf8_enable = no
milter_protocol = 6
milter_default_action = tempfail
smtpd_milters = $1
non_smtpd_milters = $1
milter_connect_macros = j {daemon_name} v {client_addr}
milter_mail_macros = i {auth_type} {auth_authen} {auth_author} {mail_addr}
smtpd_relay_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
${PF_MAIN_EXTRA:-}
EOC
	cat >"$PF_DIR/master.cf" <<EOC
127.0.0.1:$PF_PORT inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
local     unix  - n n - - local
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
${PF_MASTER_EXTRA:-}
EOC
	if [ "${PF_SINK_DUMP:-yes}" = no ]; then
		/usr/sbin/smtp-sink -u nobody "127.0.0.1:$PF_SINKPORT" 256 &
	else
		/usr/sbin/smtp-sink -u nobody -d "$PF_SINK/%H%M%S." "127.0.0.1:$PF_SINKPORT" 64 &
	fi
	PF_SINKPID=$!
	postfix -c "$PF_DIR" start >/dev/null 2>&1 || { cat "$PF_DIR/maillog" 2>/dev/null; return 1; }
	i=0
	while ! python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$PF_PORT),1)" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1)); done
}

pf_stop() {
	[ -n "${PF_DIR:-}" ] || return 0
	postfix -c "$PF_DIR" stop >/dev/null 2>&1
	[ -n "${PF_SINKPID:-}" ] && kill "$PF_SINKPID" 2>/dev/null
	wait "$PF_SINKPID" 2>/dev/null
	rm -rf "$PF_DIR"
	PF_DIR=
}

pf_milter_sock() {	# SOCK [tenths, default 100]: wait for a milter's unix
	# socket and open it to Postfix's unprivileged smtpd (mode 0666). The
	# daemon sets its own socket_mode right after bind(), so a chmod
	# made between the two is undone (under load that window is wide):
	# set the mode until it has held for two looks 0.2 s apart.
	i=0; held=0
	while [ $i -lt "${2:-100}" ] && [ $held -lt 2 ]; do
		if [ -S "$1" ] && [ "$(stat -c %a "$1" 2>/dev/null)" = 666 ]; then
			held=$((held + 1))
		else
			held=0
			[ -S "$1" ] && chmod 666 "$1" 2>/dev/null
		fi
		sleep 0.1; i=$((i + 1))
		[ $held -eq 1 ] && { sleep 0.1; i=$((i + 1)); }
	done
	[ $held -ge 2 ]
}

pf_wait_sink() {	# wait until N files are in the sink (max ~10 s)
	i=0
	while [ "$(ls "$PF_SINK" | wc -l)" -lt "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1)); done
}
