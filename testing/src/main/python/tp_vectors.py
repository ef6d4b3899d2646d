#!/usr/bin/python3
"""SOME/IP-TP golden vectors from scapy, an implementation of SOME/IP-TP independent of ours.

  tp_vectors.py header     print the TP header suite: TP headers as scapy writes them into a
                           segment, and scapy's reading of their fields
  tp_vectors.py segments   print the segmentation suite: original messages cut by scapy's
                           SOMEIP.fragment(fragsize=1392) and scapy's reading of each segment

Run with Debian's /usr/bin/python3 (python3-scapy 2.5.0, python3-yaml) from the repository root:

  /usr/bin/python3 testing/src/main/python/tp_vectors.py header \\
      > middleware/someip-stack/src/test/resources/vectors/someip-tp-header.yaml
  /usr/bin/python3 testing/src/main/python/tp_vectors.py segments \\
      > middleware/someip-stack/src/test/resources/vectors/someip-tp.yaml

TpGoldenVectorTest checks both suites in both directions. The open specification has no worked
segmentation example.
"""
import sys

import scapy
from scapy.all import raw
from scapy.contrib.automotive.someip import SOMEIP

from golden_yaml import FlowMap, Hex, HexInt, dump, vector

SOURCE = "scapy " + scapy.VERSION
GENERATOR = "scapy %s (scapy.contrib.automotive.someip) via testing/src/main/python/tp_vectors.py" % scapy.VERSION
TP_HEADER = ["feat_req_someiptp_766", "feat_req_someiptp_767", "feat_req_someiptp_832"]

HEADER_COMMENT = """
SOME/IP-TP header golden vectors: the 4-byte TP header that leads a segment's payload (hex) and its
fields (offset in bytes, the 3 reserved bits, the More Segments flag). Headers with reserved bits set
are read with them ignored; written back, they keep them.
Generated, do not edit: run (from the repository root)
  /usr/bin/python3 testing/src/main/python/tp_vectors.py header > middleware/someip-stack/src/test/resources/vectors/someip-tp-header.yaml
Runner: io.vehicle.someip.tp.TpGoldenVectorTest.
"""

SEGMENTS_COMMENT = """
SOME/IP-TP segmentation golden vectors: the segments of one original message as scapy cuts it
(hex: one datagram per segment, in sending order) and the decoded form: the reassembled original
message, and each segment's message type, offset (bytes), More Segments flag and length of data.
encodesTo holds the segments we cut where scapy cuts differently.
Generated, do not edit: run (from the repository root)
  /usr/bin/python3 testing/src/main/python/tp_vectors.py segments > middleware/someip-stack/src/test/resources/vectors/someip-tp.yaml
Runner: io.vehicle.someip.tp.TpGoldenVectorTest.
"""


def header_vectors():
    rows = [
        ("first and only segment", 0, 0, 0, ["feat_req_someiptp_770"]),
        ("first segment, more follow", 0, 0, 1, ["feat_req_someiptp_770"]),
        ("second 1392-byte segment", 1392, 0, 1, ["feat_req_someiptp_773", "feat_req_someiptp_768"]),
        ("last segment of a 5880-byte message", 5568, 0, 0, ["feat_req_someiptp_768", "feat_req_someiptp_770"]),
        ("offset field 1 = 16 bytes", 16, 0, 0, ["feat_req_someiptp_768"]),
        ("largest 28-bit offset, 0xFFFFFFF0 bytes", 0xFFFFFFF0, 0, 1, ["feat_req_someiptp_768"]),
        ("reserved bits set, offset unchanged", 1392, 7, 1, ["feat_req_someiptp_769"]),
        ("reserved bits set, last segment", 1392, 7, 0, ["feat_req_someiptp_769"]),
    ]
    out = []
    for name, offset, reserved, more, ids in rows:
        segment = raw(SOMEIP(msg_type=0x22, offset=offset // 16, res=reserved, more_seg=more))
        read = SOMEIP(segment)  # scapy's reading of what it wrote
        decoded = {"offset": read.offset * 16, "reserved": read.res, "moreSegments": bool(read.more_seg)}
        out.append(vector(name, TP_HEADER + ids, SOURCE, segment[16:20], decoded))
    return out


def payload(n):
    return bytes((i * 7 + 3) & 0xFF for i in range(n))


def message_tree(raw_message):
    p = SOMEIP(raw_message)
    method = (p.sub_id << 15) | (p.event_id if p.sub_id else p.method_id)
    return {"serviceId": HexInt(p.srv_id), "methodId": HexInt(method), "length": p.len,
            "clientId": HexInt(p.client_id), "sessionId": HexInt(p.session_id), "protocolVersion": p.proto_ver,
            "interfaceVersion": p.iface_ver, "messageType": HexInt(p.msg_type, 2),
            "returnCode": HexInt(p.retcode, 2), "payload": Hex(bytes(p.payload))}


def segment_tree(raw_segment):
    p = SOMEIP(raw_segment)
    return FlowMap(messageType=HexInt(p.msg_type, 2), offset=p.offset * 16, moreSegments=bool(p.more_seg),
                   length=len(bytes(p.payload)))


def segmentation(name, ids, size, msg_type, fields, ours=None):
    whole = raw(SOMEIP(msg_type=msg_type, **fields) / payload(size))
    segments = [raw(s) for s in (SOMEIP(msg_type=msg_type | 0x20, **fields) / payload(size)).fragment(1392)]
    decoded = {"message": message_tree(whole), "segments": [segment_tree(s) for s in segments]}
    return vector(name, ids, SOURCE, segments, decoded, encodes_to=ours(segments) if ours else None)


def without_empty_tail(segments):
    """What we send instead: no empty last segment (feat_req_someiptp_779), so the one before it is
    the last, with More Segments 0 (feat_req_someiptp_770); scapy writes those bytes too."""
    last = SOMEIP(segments[-2])
    last.more_seg = 0
    return segments[:-2] + [raw(last)]


def segment_vectors():
    notification = dict(srv_id=0x1234, sub_id=1, event_id=0x0005, client_id=0x0000, session_id=0x0042,
                        proto_ver=1, iface_ver=2, retcode=0)
    request = dict(srv_id=0x1234, sub_id=0, method_id=0x0007, client_id=0x0101, session_id=0xFFFF,
                   proto_ver=1, iface_ver=2, retcode=0)
    return [
        segmentation("5880-byte notification: 4 x 1392 + 312 bytes",
                     ["feat_req_someiptp_760", "feat_req_someiptp_773", "feat_req_someiptp_772",
                      "feat_req_someiptp_770", "feat_req_someiptp_774", "feat_req_someiptp_765",
                      "feat_req_someiptp_771", "feat_req_someiptp_789", "feat_req_someiptp_785",
                      "feat_req_someiptp_783"],
                     5880, 0x02, notification),
        segmentation("2 x 1392-byte request: scapy appends an empty last segment (MS=0 at 2784) that a "
                     "receiver must accept; we send two",
                     ["feat_req_someiptp_792", "feat_req_someiptp_779", "feat_req_someiptp_770",
                      "feat_req_someiptp_789", "feat_req_someiptp_785"],
                     2784, 0x00, request, ours=without_empty_tail),
    ]


def main(argv):
    if argv[1:2] == ["header"]:
        print(dump(HEADER_COMMENT, GENERATOR, header_vectors()), end="")
    elif argv[1:2] == ["segments"]:
        print(dump(SEGMENTS_COMMENT, GENERATOR, segment_vectors()), end="")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
