#!/usr/bin/python3
"""Golden vectors of the SOME/IP header with scapy, an implementation of SOME/IP independent of ours
(scapy.contrib.automotive.someip). The committed suite was produced by scapy 2.5.0 (run from the
repository root):

    /usr/bin/python3 testing/src/main/python/gen_someip_header_vectors.py \
        > middleware/someip-stack/src/test/resources/vectors/someip-header.yaml

Every vector is built with scapy (bytes) and dissected again by scapy (fields), so neither
direction of the expected data comes from our codec. UdpGoldenVectorTest runs them through our UDP
decoder and encoder, both directions. A few vectors are deliberately broken (explicit bad length,
unknown message type): they carry the error our decoder must report, and are checked in the decode
direction only.
"""
import scapy
from scapy.contrib.automotive.someip import SOMEIP

from golden_yaml import Flow, FlowMap, Hex, HexInt, dump, vector

vectors = []
SOURCE = f"scapy {scapy.VERSION}"


def pkt(service, method, msg_type, client=0, session=0, proto=1, iface=1, rc=0, payload=b"", length=None,
        tp=None):
    fields = dict(srv_id=service, client_id=client, session_id=session, proto_ver=proto, iface_ver=iface,
                  msg_type=msg_type, retcode=rc)
    # scapy splits the Method ID into a 1-bit sub id (event flag, feat_req_someip_67) and 15 bits.
    if method & 0x8000:
        fields.update(sub_id=1, event_id=method & 0x7FFF)
    else:
        fields.update(sub_id=0, method_id=method)
    if length is not None:
        fields["len"] = length
    if tp is not None:
        # scapy 2.5.0's "offset" is the raw 28-bit field: the offset in units of 16 bytes
        # (feat_req_someiptp_768); the vectors state offsets in bytes.
        fields.update(offset=tp[0] // 16, more_seg=tp[1])
    return bytes(SOMEIP(**fields) / payload) if payload else bytes(SOMEIP(**fields))


def dissect(raw):
    """Fields of one message as scapy reads them, plus the bytes scapy puts after the header."""
    p = SOMEIP(raw)
    method = (p.sub_id << 15) | (p.event_id if p.sub_id else p.method_id)
    entry = {
        "serviceId": HexInt(p.srv_id), "methodId": HexInt(method), "length": p.len,
        "clientId": HexInt(p.client_id), "sessionId": HexInt(p.session_id), "protocolVersion": p.proto_ver,
        "interfaceVersion": p.iface_ver, "messageType": HexInt(p.msg_type, 2), "returnCode": HexInt(p.retcode, 2),
    }
    body = bytes(p.payload)
    if p.msg_type & 0x20:
        # Our codec keeps the 4-byte TP header (feat_req_someiptp_832) at the start of the payload.
        tp_word = (p.offset << 4) | (p.res << 1) | p.more_seg
        entry["tp"] = FlowMap(offset=p.offset * 16, moreSegments=bool(p.more_seg))
        body = tp_word.to_bytes(4, "big") + body
    entry["payload"] = Hex(body)
    return entry


def add(name, reqs, raws, cookie=None, errors=None):
    """One datagram of the messages in raws. A Magic Cookie message says which one it is; a broken
    datagram lists the errors our decoder reports and only the messages it still delivers."""
    if errors is None:
        messages = [dissect(r) for r in raws]
    else:
        messages = [dissect(r) for r in raws if SOMEIP(r).len >= 8
                    and len(r) >= 8 + SOMEIP(r).len and SOMEIP(r).msg_type in TYPES]
    if cookie:
        messages[0]["magicCookie"] = cookie
    decoded = {"messages": messages}
    if errors is not None:
        decoded["errors"] = Flow(errors)
    vectors.append(vector(name, reqs, SOURCE, b"".join(raws), decoded))


TYPES = {0x00: "REQUEST", 0x01: "REQUEST_NO_RETURN", 0x02: "NOTIFICATION", 0x80: "RESPONSE", 0x81: "ERROR",
         0x20: "TP_REQUEST", 0x21: "TP_REQUEST_NO_RETURN", 0x22: "TP_NOTIFICATION", 0xA0: "TP_RESPONSE",
         0xA1: "TP_ERROR"}
RETURN_CODES = ["E_OK", "E_NOT_OK", "E_UNKNOWN_SERVICE", "E_UNKNOWN_METHOD", "E_NOT_READY", "E_NOT_REACHABLE",
                "E_TIMEOUT", "E_WRONG_PROTOCOL_VERSION", "E_WRONG_INTERFACE_VERSION", "E_MALFORMED_MESSAGE",
                "E_WRONG_MESSAGE_TYPE", "E_E2E_REPEATED", "E_E2E_WRONG_SEQUENCE", "E_E2E", "E_E2E_NOT_AVAILABLE",
                "E_E2E_NO_NEW_DATA"]

# Every message type (feat_req_someip_95), TP variants with the TP flag (feat_req_someip_761).
for value, name in TYPES.items():
    tp = (0x20 & value) != 0
    method = 0x8001 if value & ~0x20 == 0x02 else 0x0421
    reqs = ["feat_req_someip_95", "feat_req_someip_45"] + (["feat_req_someip_761", "feat_req_someiptp_765",
                                                             "feat_req_someiptp_768"] if tp else [])
    add(f"message type {name}", reqs,
        [pkt(0x1234, method, value, client=0x0042, session=0x0007, iface=3,
             payload=bytes(range(1, 33)) if tp else b"\x0a\x0b", tp=(1392, 1) if tp else None)])

# Every standard return code (feat_req_someip_371) plus service-specific and reserved values (feat_req_someip_144).
for value, name in enumerate(RETURN_CODES):
    mtype = 0x80 if value == 0 else 0x81
    add(f"return code {name}", ["feat_req_someip_144", "feat_req_someip_371"],
        [pkt(0x1234, 0x0001, mtype, client=0x0042, session=0x0100 + value, iface=1, rc=value)])
add("return code 0x20 (first service-specific) in a RESPONSE", ["feat_req_someip_144", "feat_req_someip_107"],
    [pkt(0x1234, 0x0001, 0x80, client=1, session=2, rc=0x20)])
add("return code 0x5E (last service-specific) in an ERROR", ["feat_req_someip_144", "feat_req_someip_107"],
    [pkt(0x1234, 0x0001, 0x81, client=1, session=3, rc=0x5E)])
add("return code 0x10 (reserved) is carried, not rejected", ["feat_req_someip_144"],
    [pkt(0x1234, 0x0001, 0x81, client=1, session=4, rc=0x10)])

# Boundary values of the ids (feat_req_someip_60, feat_req_someip_83) and versions (feat_req_someip_90/92).
add("all ids 0x0000", ["feat_req_someip_60", "feat_req_someip_83", "feat_req_someip_539", "feat_req_someip_700"],
    [pkt(0x0000, 0x0000, 0x00, client=0, session=0, iface=0)])
add("all ids 0xFFFF (event id 0xFFFF)", ["feat_req_someip_60", "feat_req_someip_67", "feat_req_someip_83", "feat_req_someip_539"],
    [pkt(0xFFFF, 0xFFFF, 0x02, client=0xFFFF, session=0xFFFF, iface=0xFF)])
add("method id 0x7FFF, the highest method id", ["feat_req_someip_60", "feat_req_someip_625"],
    [pkt(0xABCD, 0x7FFF, 0x00, client=0x1122, session=0x3344)])
add("event id 0x8000, the lowest event id", ["feat_req_someip_67", "feat_req_someip_625"],
    [pkt(0xABCD, 0x8000, 0x02, client=0, session=1)])
add("session 0xFFFF, last before wrap", ["feat_req_someip_677", "feat_req_someip_83"],
    [pkt(0x1234, 0x0001, 0x00, client=0x0042, session=0xFFFF)])
add("session 0x0001, first after wrap", ["feat_req_someip_649", "feat_req_someip_677"],
    [pkt(0x1234, 0x0001, 0x00, client=0x0042, session=0x0001)])
add("interface version 0x00", ["feat_req_someip_92"], [pkt(0x1234, 0x0001, 0x00, client=1, session=1, iface=0)])
add("interface version 0xFF", ["feat_req_someip_92"], [pkt(0x1234, 0x0001, 0x00, client=1, session=1, iface=0xFF)])
add("protocol version 0x02 decodes (the dispatcher rejects it)", ["feat_req_someip_90"],
    [pkt(0x1234, 0x0001, 0x00, client=1, session=1, proto=2)])
add("empty payload: length 8", ["feat_req_someip_77"], [pkt(0x1234, 0x0001, 0x02, session=9)])
add("one-byte payload: length 9", ["feat_req_someip_77", "feat_req_someip_165"],
    [pkt(0x1234, 0x0001, 0x02, session=9, payload=b"\xff")])
add("1400-byte payload, the largest UDP message", ["feat_req_someip_77", "feat_req_someip_318"],
    [pkt(0x1234, 0x0001, 0x80, client=2, session=5, payload=bytes(i & 0xFF for i in range(1400)))])
add("byte order: distinct bytes in every field", ["feat_req_someip_42", "feat_req_someip_675", "feat_req_someip_44"],
    [pkt(0x0102, 0x0304, 0x80, client=0x0506, session=0x0708, iface=0x0B, rc=0x0C, payload=b"\x0d\x0e")])

# Magic Cookies of each direction (feat_req_someip_609, feat_req_someip_589).
add("magic cookie client to server", ["feat_req_someip_609", "feat_req_someip_607", "feat_req_someip_589"],
    [pkt(0xFFFF, 0x0000, 0x01, client=0xDEAD, session=0xBEEF, iface=1)], cookie="client")
add("magic cookie server to client", ["feat_req_someip_609", "feat_req_someip_607", "feat_req_someip_589"],
    [pkt(0xFFFF, 0x8000, 0x02, client=0xDEAD, session=0xBEEF, iface=1)], cookie="server")

# Several messages in one datagram (feat_req_someip_319, feat_req_someip_702, feat_req_someip_584).
add("three messages in one datagram", ["feat_req_someip_319", "feat_req_someip_702", "feat_req_someip_584"],
    [pkt(0x1234, 0x0001, 0x00, client=1, session=1, payload=b"\x01"),
     pkt(0x1234, 0x8002, 0x02, client=0, session=2),
     pkt(0x4321, 0x0003, 0x80, client=1, session=1, payload=b"\x01\x02\x03\x04\x05")])
add("a request and an error answer in one datagram", ["feat_req_someip_319", "feat_req_someip_702"],
    [pkt(0x1234, 0x0001, 0x01, client=7, session=0x0FFF), pkt(0x1234, 0x0002, 0x81, client=7, session=1, rc=3)])

# Broken input: the decoder must report these, never deliver them (decode direction only).
add("length 7 is ignored", ["feat_req_someip_798"], [pkt(0x1234, 0x0001, 0x00, length=7)],
    errors=["LENGTH_TOO_SMALL"])
add("length beyond the datagram", ["feat_req_someip_319", "feat_req_someip_77"],
    [pkt(0x1234, 0x0001, 0x00, payload=b"\x01\x02", length=11)], errors=["LENGTH_BEYOND_DATAGRAM"])
add("unknown message type 0x03 skipped by its length, the next message still read",
    ["feat_req_someip_95", "feat_req_someip_319"],
    [pkt(0x1234, 0x0001, 0x03, payload=b"\xaa\xbb"), pkt(0x1234, 0x0001, 0x02, session=1)],
    errors=["UNKNOWN_MESSAGE_TYPE"])

COMMENT = """
SOME/IP header golden vectors: one UDP datagram each (hex) and the messages our UDP decoder must
deliver from it (decoded.messages), with the errors it must count for broken input (decoded.errors).
Ids, message types and return codes are hexadecimal; tp is the SOME/IP-TP header at the start of a
TP segment's payload (offset in bytes). Generated, do not edit: run (from the repository root)
  /usr/bin/python3 testing/src/main/python/gen_someip_header_vectors.py > middleware/someip-stack/src/test/resources/vectors/someip-header.yaml
Runner: io.vehicle.someip.transport.UdpGoldenVectorTest.
"""
print(dump(COMMENT, f"scapy {scapy.VERSION} (scapy.contrib.automotive.someip) via "
                    "testing/src/main/python/gen_someip_header_vectors.py", vectors), end="")
