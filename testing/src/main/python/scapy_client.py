"""scapy as an independent SOME/IP client of the Java server.

Usage: scapy_client.py HOST UDP_PORT TCP_PORT SERVICE INTERFACE_VERSION ECHO_METHOD

Sends requests built by scapy over UDP and TCP and prints one JSON document: for each case, the
messages that came back, parsed by scapy field by field. The Java test asserts on them.
"""

import json
import socket
import sys

from someip_wire import CLIENT_COOKIE, build, split

TIMEOUT = 5.0
CLIENT = 0x0077
UNKNOWN_METHOD = 0x0777
UNKNOWN_SERVICE = 0x4321
REQUEST, REQUEST_NO_RETURN = 0x00, 0x01


def udp_exchange(sock, target, datagram, expected, last_session=None):
    """Sends one datagram; collects messages until `expected` arrived (or last_session answered)."""
    sock.sendto(datagram, target)
    got, datagrams = [], 0
    try:
        while True:
            data, _ = sock.recvfrom(65535)
            datagrams += 1
            messages, rest = split(data)
            got.extend(messages)
            if rest:
                got.append({"trailing": rest.hex()})
            if last_session is not None and any(m.get("session") == last_session for m in got):
                break
            if last_session is None and len(got) >= expected:
                break
    except socket.timeout:
        got.append({"timeout": True})
    return {"messages": got, "datagrams": datagrams}


def udp_cases(host, port, service, iface, echo):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((host, 0))
    sock.settimeout(TIMEOUT)
    target = (host, port)

    def req(session, **kw):
        args = dict(service=service, method=echo, msg_type=REQUEST, client=CLIENT, session=session, iface=iface)
        args.update(kw)
        return build(**args)

    cases = {
        "echo": udp_exchange(sock, target, req(1, payload=b"hello scapy"), 1),
        "wrong_protocol": udp_exchange(sock, target, req(2, proto=2), 1),
        "unknown_method": udp_exchange(sock, target, req(3, method=UNKNOWN_METHOD), 1),
        "unknown_service": udp_exchange(sock, target, req(4, service=UNKNOWN_SERVICE), 1),
        "wrong_interface": udp_exchange(sock, target, req(5, iface=(iface + 6) & 0xFF), 1),
        # A fire-and-forget call to an unknown method, then an echo: only the echo may come back.
        "no_return_unknown_method": udp_exchange(
            sock, target, req(20, method=UNKNOWN_METHOD, msg_type=REQUEST_NO_RETURN) + req(21, payload=b"after"),
            1, last_session=21),
        # Three requests in one datagram (feat_req_someip_584): each must be answered.
        "batch": udp_exchange(
            sock, target, req(30, payload=b"a") + req(31, payload=b"bb") + req(32, payload=b"ccc"), 3),
    }
    sock.close()
    return cases


def tcp_case(host, port, service, iface, echo):
    sock = socket.create_connection((host, port), timeout=TIMEOUT)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def req(session, payload=b"", **kw):
        args = dict(service=service, method=echo, msg_type=REQUEST, client=CLIENT, session=session, iface=iface,
                    payload=payload)
        args.update(kw)
        return build(**args)

    # A client Magic Cookie and a request in one segment (feat_req_someip_591).
    sock.sendall(CLIENT_COOKIE + req(1, b"first"))
    # Two messages in one segment (feat_req_someip_585).
    sock.sendall(req(2, b"two") + req(3, b"three"))
    # One message across two sends (feat_req_someip_325).
    split_me = req(4, b"split across two sends, forty bytes long")
    sock.sendall(split_me[:10])
    sock.sendall(split_me[10:])
    # An error over TCP, after another cookie.
    sock.sendall(CLIENT_COOKIE + req(5, method=UNKNOWN_METHOD))

    got, buf = [], b""
    try:
        while not {1, 2, 3, 4, 5} <= {m["session"] for m in got if m["client"] == CLIENT}:
            chunk = sock.recv(65535)
            if not chunk:
                got.append({"closed": True})
                break
            messages, buf = split(buf + chunk)
            got.extend(messages)
    except socket.timeout:
        got.append({"timeout": True})
    sock.close()
    return {"messages": got, "trailing": buf.hex()}


def main():
    host, udp_port, tcp_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    service, iface, echo = int(sys.argv[4], 0), int(sys.argv[5], 0), int(sys.argv[6], 0)
    result = {"udp": udp_cases(host, udp_port, service, iface, echo),
              "tcp": tcp_case(host, tcp_port, service, iface, echo)}
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
