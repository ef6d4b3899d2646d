#!/usr/bin/python3
"""SOME/IP-SD golden vectors from scapy, an implementation independent of ours.

  sd_vectors.py generate      print the golden vector suite (hex of whole SOME/IP messages and their
                              decoded form as scapy sees it); committed, from the repository root, as
                              /usr/bin/python3 testing/src/main/python/sd_vectors.py generate \
                                > middleware/someip-stack/src/test/resources/vectors/someip-sd.yaml
  sd_vectors.py decode HEX..  print scapy's decoding of each SOME/IP message given as hex, as a
                              JSON list in the same decoded form

Run with Debian's /usr/bin/python3 (python3-scapy 2.5.0). SdGoldenVectorTest runs the committed suite,
SdScapyInteropTest runs this script live.
"""
import json
import sys

import scapy
from golden_yaml import Flow, FlowMap, HexInt, dump, vector
from scapy.contrib.automotive.someip import (
    SOMEIP, SD, SDEntry_Service, SDEntry_EventGroup, SDOption_Config, SDOption_LoadBalance,
    SDOption_IP4_EndPoint, SDOption_IP4_Multicast, SDOption_IP4_SD_EndPoint,
    SDOption_IP6_EndPoint, SDOption_IP6_Multicast, SDOption_IP6_SD_EndPoint)

UDP, TCP = 0x11, 0x06
OPTION_KINDS = {
    SDOption_IP4_EndPoint: "Ipv4Endpoint", SDOption_IP6_EndPoint: "Ipv6Endpoint",
    SDOption_IP4_Multicast: "Ipv4Multicast", SDOption_IP6_Multicast: "Ipv6Multicast",
    SDOption_IP4_SD_EndPoint: "Ipv4SdEndpoint", SDOption_IP6_SD_EndPoint: "Ipv6SdEndpoint",
}


def someip(sd, session=1):
    """The SOME/IP header of feat_req_someipsd_26 around an SD payload."""
    p = SOMEIP(srv_id=0xFFFF, sub_id=1, event_id=0x0100, client_id=0, session_id=session,
               proto_ver=1, iface_ver=1, msg_type=SOMEIP.TYPE_NOTIFICATION,
               retcode=SOMEIP.RET_E_OK) / sd
    return bytes(p)


def service(type_, srv, inst, major, minor, ttl, i1=0, n1=0, i2=0, n2=0):
    return SDEntry_Service(type=type_, srv_id=srv, inst_id=inst, major_ver=major, minor_ver=minor,
                           ttl=ttl, index_1=i1, n_opt_1=n1, index_2=i2, n_opt_2=n2)


def eventgroup(type_, srv, inst, major, eg, ttl, counter=0, initial=False, i1=0, n1=0, i2=0, n2=0):
    # res holds Reserved (8 bits), the Initial Data Requested flag and Reserved2 (3 bits).
    return SDEntry_EventGroup(type=type_, srv_id=srv, inst_id=inst, major_ver=major, eventgroup_id=eg,
                              ttl=ttl, cnt=counter, res=0x008 if initial else 0,
                              index_1=i1, n_opt_1=n1, index_2=i2, n_opt_2=n2)


def sd(flags, entries, options):
    return SD(flags=flags, entry_array=entries, option_array=options)


def vectors():
    ep_udp = SDOption_IP4_EndPoint(addr="192.168.0.10", l4_proto=UDP, port=30509)
    ep_tcp = SDOption_IP4_EndPoint(addr="192.168.0.10", l4_proto=TCP, port=30510)
    client = SDOption_IP4_EndPoint(addr="192.168.0.20", l4_proto=UDP, port=40000)
    mcast = SDOption_IP4_Multicast(addr="239.0.0.1", l4_proto=UDP, port=30490)
    return [
        ("offer_ipv4_udp_tcp", "feat_req_someipsd_253, feat_req_someipsd_129, feat_req_someipsd_849",
         sd(0xC0, [service(0x01, 0x1234, 0x0001, 1, 0, 3, n1=2)], [ep_udp, ep_tcp])),
        ("find_service_any", "feat_req_someipsd_239",
         sd(0xC0, [service(0x00, 0x1234, 0xFFFF, 0xFF, 0xFFFFFFFF, 3)], [])),
        ("subscribe_with_endpoint", "feat_req_someipsd_322, feat_req_someipsd_682, feat_req_someipsd_109",
         sd(0xC0, [eventgroup(0x06, 0x1234, 0x0001, 1, 0x0010, 3, counter=2, initial=True, n1=1)], [client])),
        ("subscribe_ack_multicast", "feat_req_someipsd_614, feat_req_someipsd_763, feat_req_someipsd_725",
         sd(0xC0, [eventgroup(0x07, 0x1234, 0x0001, 1, 0x0010, 3, counter=2, n1=1)], [mcast])),
        ("subscribe_nack", "feat_req_someipsd_619",
         sd(0x40, [eventgroup(0x07, 0x1234, 0x0001, 1, 0x0010, 0, counter=2)], [])),
        ("stop_offer", "feat_req_someipsd_262",
         sd(0x40, [service(0x01, 0x1234, 0x0001, 1, 0, 0, n1=2)], [ep_udp, ep_tcp])),
        ("stop_subscribe", "feat_req_someipsd_333, feat_req_someipsd_1177",
         sd(0x40, [eventgroup(0x06, 0x1234, 0x0001, 1, 0x0010, 0, n1=1)], [client])),
        ("offer_with_configuration", "feat_req_someipsd_149, feat_req_someipsd_150, "
                                     "feat_req_someipsd_160, feat_req_someipsd_217",
         sd(0xC0, [service(0x01, 0x1234, 0x0001, 1, 7, 0xFFFFFF, n1=1, i2=1, n2=1)],
            [ep_udp, SDOption_Config(cfg_str=b"\x0dhostname=ecu1\x10servicename=hvac\x04flag\x06empty=\x00")])),
        ("offer_ipv6_endpoints", "feat_req_someipsd_757",
         sd(0x40, [service(0x01, 0xABCD, 0x0002, 2, 1, 5, n1=2)],
            [SDOption_IP6_EndPoint(addr="fd00::10", l4_proto=UDP, port=30509),
             SDOption_IP6_EndPoint(addr="fd00::10", l4_proto=TCP, port=30510)])),
        ("subscribe_ack_ipv6_multicast", "feat_req_someipsd_763",
         sd(0x40, [eventgroup(0x07, 0xABCD, 0x0002, 2, 0x0001, 5, n1=1)],
            [SDOption_IP6_Multicast(addr="ff14::1", l4_proto=UDP, port=30490)])),
        ("offer_with_load_balancing", "feat_req_someipsd_253, feat_req_someipsd_336",
         sd(0xC0, [service(0x01, 0x1234, 0x0003, 1, 0, 3, n1=1, i2=1, n2=1)],
            [ep_udp, SDOption_LoadBalance(priority=1, weight=100)])),
        ("sd_endpoint_first", "feat_req_someipsd_1087, feat_req_someipsd_1151, feat_req_someipsd_1114",
         sd(0xC0, [service(0x01, 0x1234, 0x0001, 1, 0, 3, i1=1, n1=1)],
            [SDOption_IP4_SD_EndPoint(addr="192.168.0.10", l4_proto=UDP, port=30490), ep_udp])),
        ("ipv6_sd_endpoint", "feat_req_someipsd_239",
         sd(0xC0, [service(0x00, 0x1234, 0xFFFF, 0xFF, 0xFFFFFFFF, 3)],
            [SDOption_IP6_SD_EndPoint(addr="fd00::1", l4_proto=UDP, port=30490)])),
        ("shared_options", "feat_req_someipsd_900, feat_req_someipsd_862, feat_req_someipsd_336",
         sd(0xC0, [service(0x00, 0x5678, 0xFFFF, 0xFF, 0xFFFFFFFF, 3),
                   service(0x01, 0x1234, 0x0001, 1, 0, 3, n1=2),
                   service(0x01, 0x1235, 0x0001, 1, 0, 3, n1=2),
                   eventgroup(0x06, 0x5678, 0x0001, 1, 0x0002, 3, i1=2, n1=1)],
            [ep_udp, ep_tcp, client])),
    ]


def option_json(o):
    if isinstance(o, SDOption_Config):
        raw, items, at = bytes(o.cfg_str), [], 0
        while at < len(raw) and raw[at] != 0:
            items.append(raw[at + 1:at + 1 + raw[at]].decode("latin-1"))
            at += 1 + raw[at]
        return {"kind": "Configuration", "items": items}
    if isinstance(o, SDOption_LoadBalance):
        return FlowMap(kind="LoadBalancing", priority=o.priority, weight=o.weight)
    kind = OPTION_KINDS.get(type(o))
    if kind:
        return FlowMap(kind=kind, address=o.addr, protocol={UDP: "UDP", TCP: "TCP"}.get(o.l4_proto, o.l4_proto),
                       port=o.port)
    raw = bytes(o)
    return {"kind": "Unknown", "type": raw[2], "content": raw[3:].hex()}


def entry_json(e):
    runs = {"first": Flow(range(e.index_1, e.index_1 + e.n_opt_1)),
            "second": Flow(range(e.index_2, e.index_2 + e.n_opt_2))}
    common = {"serviceId": HexInt(e.srv_id), "instanceId": HexInt(e.inst_id), "majorVersion": e.major_ver,
              "ttl": e.ttl}
    if isinstance(e, SDEntry_Service):
        kind = {0x00: "FindService", 0x01: "OfferService" if e.ttl else "StopOfferService"}[e.type]
        return {"kind": kind, **common, "minorVersion": HexInt(e.minor_ver, 8), **runs}
    kind = {0x06: "SubscribeEventgroup" if e.ttl else "StopSubscribeEventgroup",
            0x07: "SubscribeEventgroupAck" if e.ttl else "SubscribeEventgroupNack"}[e.type]
    return {"kind": kind, **common, "initialDataRequested": bool(e.res & 0x008), "counter": e.cnt,
            "eventgroupId": HexInt(e.eventgroup_id), **runs}


def decode(raw):
    """Scapy's reading of a whole SOME/IP-SD message."""
    header = SOMEIP(raw)
    sdp = header.payload if isinstance(header.payload, SD) else SD(raw[16:])
    return {
        "header": {"serviceId": HexInt(header.srv_id),
                   "methodId": HexInt(header.sub_id << 15 | (header.event_id if header.sub_id else header.method_id)),
                   "length": header.len, "clientId": HexInt(header.client_id),
                   "sessionId": HexInt(header.session_id), "protocolVersion": header.proto_ver,
                   "interfaceVersion": header.iface_ver, "messageType": HexInt(header.msg_type, 2),
                   "returnCode": HexInt(header.retcode, 2)},
        "reboot": bool(sdp.flags & 0x80), "unicast": bool(sdp.flags & 0x40),
        "explicitInitialDataControl": bool(sdp.flags & 0x20),
        "entries": [entry_json(e) for e in sdp.entry_array],
        "options": [option_json(o) for o in sdp.option_array],
    }


def requirements(spec, payload):
    """The ids a vector names, then those every SD message shows: the SOME/IP header of SD
    (feat_req_someipsd_26) and the SD header (feat_req_someipsd_205), and the layout of each kind of
    entry it holds (feat_req_someipsd_47 service entries, feat_req_someipsd_109 eventgroup entries)."""
    ids = spec.split(", ") + ["feat_req_someipsd_26", "feat_req_someipsd_205"]
    if any(isinstance(e, SDEntry_Service) for e in payload.entry_array):
        ids.append("feat_req_someipsd_47")
    if any(isinstance(e, SDEntry_EventGroup) for e in payload.entry_array):
        ids.append("feat_req_someipsd_109")
    return list(dict.fromkeys(ids))


COMMENT = """
SOME/IP-SD golden vectors: one SD message each (hex: the whole SOME/IP message) and its decoded form
as scapy reads it: the SOME/IP header, the flags, the entries in order and the options array. An
entry's option runs (first, second) are the indexes of its options in that array. Ids are hexadecimal.
Generated, do not edit: run (from the repository root)
  /usr/bin/python3 testing/src/main/python/sd_vectors.py generate > middleware/someip-stack/src/test/resources/vectors/someip-sd.yaml
Runner: io.vehicle.someip.sd.message.SdGoldenVectorTest.
"""


def main(argv):
    if argv[1:2] == ["generate"]:
        suite = [vector(name, requirements(spec, payload), "scapy " + scapy.VERSION, someip(payload),
                        decode(someip(payload))) for name, spec, payload in vectors()]
        print(dump(COMMENT, "scapy %s (scapy.contrib.automotive.someip) via testing/src/main/python/sd_vectors.py"
                   % scapy.VERSION, suite), end="")
    elif argv[1:2] == ["decode"]:
        print(json.dumps([decode(bytes.fromhex(h)) for h in argv[2:]]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
