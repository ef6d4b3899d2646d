"""Shared helpers of the scapy peer scripts: split SOME/IP streams and datagrams with scapy's SOMEIP
class and describe each message as a JSON-friendly dict. Only /usr/bin/python3 imports scapy here."""

import struct

from scapy.contrib.automotive.someip import SOMEIP

HEADER = 16
CLIENT_COOKIE = bytes.fromhex("ffff0000" "00000008" "deadbeef" "01010100")
SERVER_COOKIE = bytes.fromhex("ffff8000" "00000008" "deadbeef" "01010200")


def method_of(msg):
    """scapy splits the 16-bit method id into an event bit and a 15-bit id."""
    low = msg.event_id if msg.sub_id == 1 else msg.method_id
    return (msg.sub_id << 15) | low


def build(service, method, msg_type, client=0, session=0, proto=1, iface=1, retcode=0, payload=b""):
    """A SOME/IP message built by scapy (its length field is computed by scapy's post_build)."""
    pkt = SOMEIP(srv_id=service, sub_id=(method >> 15) & 1, client_id=client, session_id=session,
                 proto_ver=proto, iface_ver=iface, msg_type=msg_type, retcode=retcode)
    if method & 0x8000:
        pkt.event_id = method & 0x7FFF
    else:
        pkt.method_id = method
    return bytes(pkt / payload) if payload else bytes(pkt)


def describe(raw):
    """Parses one whole message with scapy and reports every header field plus the payload."""
    msg = SOMEIP(raw)
    tp = msg.msg_type in (0x20, 0x21, 0x22, 0xA0, 0xA1)
    payload = raw[HEADER + (4 if tp else 0):]
    return {
        "service": msg.srv_id,
        "method": method_of(msg),
        "length": msg.len,
        "client": msg.client_id,
        "session": msg.session_id,
        "proto": msg.proto_ver,
        "iface": msg.iface_ver,
        "type": msg.msg_type,
        "rc": msg.retcode,
        "payload": payload.hex(),
    }


def split(buf):
    """Splits complete messages off the front of buf by their length fields; returns (messages, rest)."""
    out = []
    while len(buf) >= 8:
        total = 8 + struct.unpack_from("!I", buf, 4)[0]
        if len(buf) < total:
            break
        out.append(describe(buf[:total]))
        buf = buf[total:]
    return out, buf
