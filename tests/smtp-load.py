#!/usr/bin/env python3
"""Load driver for the memory and race tests (tests/t/valgrind-milter.sh,
tests/t/tsan-milter.sh): sends a sequence of message files over SMTP to the
private Postfix from several concurrent clients, a few messages per
connection, and prints counts only (never message content):

  sent=N accepted=N rejected=N tempfail=N errors=N connections=N
  inconsistent=N      files whose replies differed between sends
  signals=N           signals sent to --signal-pid while the load ran

usage: smtp-load.py --port P --total N [--clients C] [--per-conn K]
                    [--signal-pid PID --signal-every SECONDS
                     --signals USR1,HUP] FILE...
Files are sent in turn (file i % len(files)); the same file must get the
same reply class every time, whatever thread handled it.
"""
import argparse
import os
import re
import signal
import smtplib
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--total", type=int, required=True)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--per-conn", type=int, default=25)
    ap.add_argument("--sender", default="a@kommun.example")
    ap.add_argument("--rcpt", default="extern@region.example")
    ap.add_argument("--signal-pid", type=int)
    ap.add_argument("--signal-every", type=float, default=1.0)
    ap.add_argument("--signals", default="USR1",
                    help="comma-separated signal names, sent in turn")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()

    msgs = []
    for f in a.files:
        with open(f, "rb") as fp:
            msgs.append(re.sub(rb"\r?\n", b"\r\n", fp.read()))
    lock = threading.Lock()
    count = {"sent": 0, "accepted": 0, "rejected": 0, "tempfail": 0,
             "errors": 0, "connections": 0}
    seen = {}		# file index -> set of reply classes
    done = threading.Event()

    def record(i, cls):
        with lock:
            count["sent"] += 1
            count[cls] += 1
            seen.setdefault(i % len(msgs), set()).add(cls)

    def client(cid):
        mine = list(range(cid, a.total, a.clients))
        while mine:
            batch, mine = mine[:a.per_conn], mine[a.per_conn:]
            try:
                s = smtplib.SMTP("127.0.0.1", a.port, timeout=600)
                s.ehlo("client.kommun.example")
            except (OSError, smtplib.SMTPException):
                with lock:
                    count["errors"] += len(batch)
                continue
            with lock:
                count["connections"] += 1
            for i in batch:
                try:
                    code, _ = s.mail(a.sender)
                    if code == 250:
                        code, _ = s.rcpt(a.rcpt)
                    if code == 250:
                        code, _ = s.data(msgs[i % len(msgs)])
                    else:
                        s.rset()
                except smtplib.SMTPDataError as e:
                    code = e.smtp_code
                    s.rset()
                except (OSError, smtplib.SMTPException):
                    with lock:
                        count["errors"] += 1
                    break
                record(i, "accepted" if code == 250 else "rejected"
                       if 500 <= code < 600 else "tempfail")
            try:
                s.quit()
            except (OSError, smtplib.SMTPException):
                pass

    sigs = [getattr(signal, "SIG" + x.strip()) for x in a.signals.split(",")]

    def signaller():
        n = 0
        while not done.wait(a.signal_every):
            try:
                os.kill(a.signal_pid, sigs[n % len(sigs)])
                n += 1
            except OSError:
                break
        count["signals"] = n

    sig = None
    if a.signal_pid:
        sig = threading.Thread(target=signaller)
        sig.start()
    ts = [threading.Thread(target=client, args=(c,)) for c in range(a.clients)]
    start = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    done.set()
    if sig:
        sig.join()
    count["inconsistent"] = sum(1 for v in seen.values() if len(v) > 1)
    count["seconds"] = round(time.monotonic() - start, 1)
    print(" ".join("%s=%s" % kv for kv in count.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
