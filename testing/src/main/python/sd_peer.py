#!/usr/bin/python3
"""scapy as an independent SOME/IP-SD peer of our stack, over real sockets on loopback.

Every SD message it sends is built with scapy's SOMEIP/SD/SDEntry_*/SDOption_* classes and every
message it receives is parsed with them (sd_vectors.decode). It prints one JSON object per line;
the Java test synchronises on them.

  sd_peer.py find GROUP SD_PORT TARGET SELF SERVICE INSTANCE
      Waits for the multicast OfferService of SERVICE/INSTANCE from TARGET, then sends a unicast
      FindService to TARGET:SD_PORT and waits for the unicast answer. Prints both, then exits.
  sd_peer.py subscribe GROUP SD_PORT TARGET SELF SERVICE INSTANCE MAJOR EVENTGROUP TTL
      Waits for the multicast OfferService of SERVICE/INSTANCE from TARGET, then subscribes to an eventgroup of TARGET with an IPv4 endpoint option naming its own UDP socket,
      prints the Ack and every notification on that socket. A line "stop" on stdin sends a
      StopSubscribeEventgroup; stdin EOF ends the script.
  sd_peer.py offer GROUP SD_PORT SELF SERVICE INSTANCE MAJOR EVENTGROUP EVENT
      Offers SERVICE/INSTANCE cyclically (every 500 ms, TTL 3) by multicast from SELF:SD_PORT,
      answers SubscribeEventgroup with an Ack and then sends EVENT notifications (uint32 sequence
      number 1, 2, ...) every 50 ms to the subscriber's UDP endpoint. stdin EOF sends a
      StopOfferService and ends the script.
"""
import json
import os
import selectors
import socket
import struct
import sys
import time

from scapy.contrib.automotive.someip import SOMEIP, SD, SDEntry_Service, SDEntry_EventGroup, SDOption_IP4_EndPoint

from sd_vectors import decode
from someip_wire import build, describe

UDP = 0x11
NOTIFICATION = 0x02
TIMEOUT = 30


def out(obj):
    print(json.dumps(obj), flush=True)


class Sessions:
    """Session ids per relation (multicast, each unicast peer), reboot flag set: we just started."""

    def __init__(self):
        self.last = {}

    def next(self, relation):
        value = self.last.get(relation, 0) % 0xFFFF + 1
        self.last[relation] = value
        return value


SESSIONS = Sessions()


def sd_message(entries, options, relation, unicast=True):
    flags = 0x80 | (0x40 if unicast else 0)
    sd = SD(flags=flags, entry_array=entries, option_array=options)
    header = SOMEIP(srv_id=0xFFFF, sub_id=1, event_id=0x0100, client_id=0, session_id=SESSIONS.next(relation),
                    proto_ver=1, iface_ver=1, msg_type=SOMEIP.TYPE_NOTIFICATION, retcode=SOMEIP.RET_E_OK)
    return bytes(header / sd)


def udp_socket(address, port, reuse=True):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if reuse:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    s.bind((address, port))
    return s


def multicast_receiver(group, port):
    s = udp_socket(group, port)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton("127.0.0.1"))
    return s


def multicast_sender(sock):
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)


def receive_sd(sock, want, deadline):
    """The first SD message on sock whose decoding satisfies want(decoded, source); with its session id."""
    sock.settimeout(max(0.01, deadline - time.time()))
    while True:
        raw, source = sock.recvfrom(65535)
        if len(raw) < 16 or raw[:4] != b"\xff\xff\x81\x00":
            continue
        decoded = decode(raw)
        decoded["header"]["sessionId"] = SOMEIP(raw).session_id
        decoded["source"] = "%s:%d" % source
        if want(decoded, source):
            return decoded
        sock.settimeout(max(0.01, deadline - time.time()))


def has_entry(kind, service, instance, eventgroup=None):
    def test(decoded, _source):
        return any(e["kind"] == kind and e["serviceId"] == service and e["instanceId"] == instance
                   and (eventgroup is None or e.get("eventgroupId") == eventgroup) for e in decoded["entries"])
    return test


def find(group, sd_port, target, me, service, instance):
    deadline = time.time() + TIMEOUT
    mc = multicast_receiver(group, sd_port)
    uc = udp_socket(me, 0, reuse=False)
    out({"ready": True, "port": uc.getsockname()[1]})
    offer = receive_sd(mc, lambda d, s: s[0] == target and has_entry("OfferService", service, instance)(d, s), deadline)
    out({"multicast_offer": offer})
    find_entry = SDEntry_Service(type=0x00, srv_id=service, inst_id=0xFFFF, major_ver=0xFF, minor_ver=0xFFFFFFFF,
                                 ttl=3)
    uc.sendto(sd_message([find_entry], [], ("unicast", target)), (target, sd_port))
    answer = receive_sd(uc, has_entry("OfferService", service, instance), deadline)
    out({"unicast_offer": answer})


def subscribe(group, sd_port, target, me, service, instance, major, eventgroup, ttl):
    mc = multicast_receiver(group, sd_port)
    receive_sd(mc, lambda d, s: s[0] == target and has_entry("OfferService", service, instance)(d, s),
               time.time() + TIMEOUT)
    mc.close()
    sd = udp_socket(me, 0, reuse=False)
    events = udp_socket(me, 0, reuse=False)
    endpoint = SDOption_IP4_EndPoint(addr=me, l4_proto=UDP, port=events.getsockname()[1])

    def entry(ttl_value):
        return SDEntry_EventGroup(type=0x06, srv_id=service, inst_id=instance, major_ver=major, ttl=ttl_value,
                                  eventgroup_id=eventgroup, index_1=0, n_opt_1=1)

    sd.sendto(sd_message([entry(ttl)], [endpoint], ("unicast", target)), (target, sd_port))
    out({"subscribed": True, "endpoint": "%s:%d" % events.getsockname()})
    selector = selectors.DefaultSelector()
    selector.register(sd, selectors.EVENT_READ, "sd")
    selector.register(events, selectors.EVENT_READ, "events")
    selector.register(sys.stdin, selectors.EVENT_READ, "stdin")
    deadline = time.time() + 120
    while time.time() < deadline:
        ready = [key.data for key, _ in selector.select(timeout=1)]
        # SD first: when the Ack and the first event are both waiting, the Ack was sent first.
        for source in sorted(ready, key=["sd", "events", "stdin"].index):
            if source == "sd":
                raw, peer = sd.recvfrom(65535)
                decoded = decode(raw)
                decoded["source"] = "%s:%d" % peer
                out({"sd": decoded})
            elif source == "events":
                raw, peer = events.recvfrom(65535)
                at = 0
                while at + 16 <= len(raw):
                    length = struct.unpack(">I", raw[at + 4:at + 8])[0]
                    message = describe(raw[at:at + 8 + length])
                    message["source"] = "%s:%d" % peer
                    out({"notification": message})
                    at += 8 + length
            else:
                line = sys.stdin.readline()
                if not line:
                    return
                if line.strip() == "stop":
                    sd.sendto(sd_message([entry(0)], [endpoint], ("unicast", target)), (target, sd_port))
                    out({"stop_sent": True})


def offer(group, sd_port, me, service, instance, major, eventgroup, event):
    sd = udp_socket(me, sd_port)
    multicast_sender(sd)
    data = udp_socket(me, 0, reuse=False)
    endpoint = SDOption_IP4_EndPoint(addr=me, l4_proto=UDP, port=data.getsockname()[1])

    def offer_message(ttl):
        entry = SDEntry_Service(type=0x01, srv_id=service, inst_id=instance, major_ver=major, minor_ver=0, ttl=ttl,
                                index_1=0, n_opt_1=1)
        return sd_message([entry], [endpoint], "multicast", unicast=False)

    out({"offering": True, "sd": "%s:%d" % (me, sd_port), "udp": "%s:%d" % data.getsockname()})
    selector = selectors.DefaultSelector()
    selector.register(sd, selectors.EVENT_READ, "sd")
    selector.register(sys.stdin, selectors.EVENT_READ, "stdin")
    subscribers = {}
    seq = 0
    next_offer = 0
    next_event = 0
    deadline = time.time() + 120
    while time.time() < deadline:
        now = time.time()
        if now >= next_offer:
            sd.sendto(offer_message(3), (group, sd_port))
            next_offer = now + 0.5
        if now >= next_event and subscribers:
            seq += 1
            for target in subscribers.values():
                data.sendto(build(service, event, NOTIFICATION, iface=major, session=seq % 0xFFFF or 1,
                                  payload=struct.pack(">I", seq)), target)
            next_event = now + 0.05
        for key, _ in selector.select(timeout=max(0, min(next_offer, next_event if subscribers else next_offer)
                                                  - time.time())):
            if key.data == "stdin":
                if not os.read(sys.stdin.fileno(), 4096):
                    sd.sendto(offer_message(0), (group, sd_port))
                    out({"stop_offer_sent": True})
                    return
                continue
            raw, peer = sd.recvfrom(65535)
            if len(raw) < 16 or raw[:4] != b"\xff\xff\x81\x00":
                continue
            packet = SOMEIP(raw)
            sdp = packet.payload if isinstance(packet.payload, SD) else SD(raw[16:])
            decoded = decode(raw)
            for e in sdp.entry_array:
                if not isinstance(e, SDEntry_EventGroup) or e.type != 0x06:
                    continue
                options = list(sdp.option_array)[e.index_1:e.index_1 + e.n_opt_1]
                where = [(o.addr, o.port) for o in options if isinstance(o, SDOption_IP4_EndPoint) and o.l4_proto == UDP]
                key_ = (peer, e.eventgroup_id)
                if e.ttl == 0:
                    subscribers.pop(key_, None)
                    out({"stop_subscribe": decoded, "source": "%s:%d" % peer})
                    continue
                ok = e.srv_id == service and e.inst_id == instance and e.eventgroup_id == eventgroup and where
                ack = SDEntry_EventGroup(type=0x07, srv_id=e.srv_id, inst_id=e.inst_id, major_ver=e.major_ver,
                                         ttl=e.ttl if ok else 0, cnt=e.cnt, eventgroup_id=e.eventgroup_id)
                sd.sendto(sd_message([ack], [], ("unicast", peer)), peer)
                if ok:
                    new = key_ not in subscribers
                    subscribers[key_] = where[0]
                    if new:
                        out({"subscribe": decoded, "source": "%s:%d" % peer, "endpoint": "%s:%d" % where[0]})
                        next_event = 0


def main(argv):
    mode, args = argv[1], argv[2:]
    ints = lambda values: [int(v, 0) for v in values]
    if mode == "find":
        find(args[0], int(args[1]), args[2], args[3], *ints(args[4:6]))
    elif mode == "subscribe":
        subscribe(args[0], int(args[1]), args[2], args[3], *ints(args[4:9]))
    elif mode == "offer":
        offer(args[0], int(args[1]), args[2], *ints(args[3:8]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
