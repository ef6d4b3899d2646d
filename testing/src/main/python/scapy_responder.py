"""scapy as an independent SOME/IP server for the Java client.

Usage: scapy_responder.py SERVICE INTERFACE_VERSION ECHO_METHOD REFUSE_METHOD REFUSAL_CODE

Binds UDP and TCP on 127.0.0.1 ephemeral ports and prints them as the first JSON line. Parses every
request with scapy's SOMEIP class and answers with a message built by scapy: ECHO_METHOD returns
b"scapy:" + payload, REFUSE_METHOD an ERROR with REFUSAL_CODE, other methods E_UNKNOWN_METHOD.
Magic Cookies are recorded and not answered. When stdin closes it prints what it received as a
second JSON line and exits.
"""

import json
import selectors
import socket
import sys

from scapy.contrib.automotive.someip import SOMEIP

from someip_wire import build, describe, method_of

RESPONSE, ERROR = 0x80, 0x81
E_UNKNOWN_METHOD, E_UNKNOWN_SERVICE = 0x03, 0x02
COOKIE_IDS = (0xFFFF0000, 0xFFFF8000)


class Responder:
    def __init__(self, service, iface, echo, refuse, refusal):
        self.service, self.iface, self.echo, self.refuse, self.refusal = service, iface, echo, refuse, refusal
        self.seen = {"udp": [], "tcp": []}

    def answer(self, raw, transport):
        """The answer to one whole message, or None (cookies, fire and forget, responses)."""
        self.seen[transport].append(describe(raw))
        msg = SOMEIP(raw)
        method = method_of(msg)
        if (msg.srv_id << 16 | method) in COOKIE_IDS or msg.msg_type != 0x00:
            return None
        payload = raw[16:]
        if msg.srv_id != self.service:
            kind, code, body = ERROR, E_UNKNOWN_SERVICE, b""
        elif method == self.echo:
            kind, code, body = RESPONSE, 0, b"scapy:" + payload
        elif method == self.refuse:
            kind, code, body = ERROR, self.refusal, b""
        else:
            kind, code, body = ERROR, E_UNKNOWN_METHOD, b""
        return build(msg.srv_id, method, kind, client=msg.client_id, session=msg.session_id,
                     iface=msg.iface_ver, retcode=code, payload=body)


def frames(buf):
    """Whole messages at the front of a buffer, by their length fields; returns (frames, rest)."""
    out = []
    while len(buf) >= 8:
        total = 8 + int.from_bytes(buf[4:8], "big")
        if len(buf) < total:
            break
        out.append(buf[:total])
        buf = buf[total:]
    return out, buf


def main():
    service, iface, echo, refuse, refusal = (int(a, 0) for a in sys.argv[1:6])
    responder = Responder(service, iface, echo, refuse, refusal)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    sel = selectors.DefaultSelector()
    sel.register(udp, selectors.EVENT_READ, "udp")
    sel.register(listener, selectors.EVENT_READ, "listen")
    sel.register(sys.stdin, selectors.EVENT_READ, "stdin")
    buffers = {}
    print(json.dumps({"udp": udp.getsockname()[1], "tcp": listener.getsockname()[1]}), flush=True)

    while True:
        for key, _ in sel.select():
            role = key.data
            if role == "stdin":
                if not sys.stdin.readline():
                    print(json.dumps({"seen": responder.seen}), flush=True)
                    return
            elif role == "udp":
                data, peer = udp.recvfrom(65535)
                messages, _ = frames(data)
                answers = [a for a in (responder.answer(m, "udp") for m in messages) if a]
                if answers:
                    udp.sendto(b"".join(answers), peer)
            elif role == "listen":
                conn, _ = listener.accept()
                buffers[conn] = b""
                sel.register(conn, selectors.EVENT_READ, "tcp")
            else:
                conn = key.fileobj
                chunk = conn.recv(65535)
                if not chunk:
                    sel.unregister(conn)
                    conn.close()
                    del buffers[conn]
                    continue
                messages, buffers[conn] = frames(buffers[conn] + chunk)
                answers = [a for a in (responder.answer(m, "tcp") for m in messages) if a]
                if answers:
                    conn.sendall(b"".join(answers))


if __name__ == "__main__":
    main()
