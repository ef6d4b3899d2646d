#!/usr/bin/python3
"""scapy as an independent bench peer of the simulator's climate ECU, over real sockets on loopback.

  hvac_bench_peer.py GROUP SD_PORT ECU SELF

Finds HvacService (0x1001) through the ECU's multicast OfferService, subscribes to its eventgroups 1
(Climate) and 2 (CabinSensors) with an endpoint option naming its own UDP socket, prints the cabin
temperatures it is sent (CabinTemperatureChanged 0x8002, a float32), then sets the climate field
(SetClimate 0x0002) with the driver's fan at 70 % and waits for the response and the ClimateChanged
(0x8001) notification that confirms it. Every SOME/IP and SD message is built and parsed with scapy's
classes. One JSON object per line on stdout.
"""
import json
import socket
import struct
import sys
import time

from scapy.contrib.automotive.someip import SOMEIP, SD, SDEntry_Service, SDEntry_EventGroup, SDOption_IP4_EndPoint

UDP = 0x11
SERVICE = 0x1001
FAN_OFFSET = 18  # ClimateSettings: setpoints (16-bit length + 4 floats), then the driver's fan (uint8)
TIMEOUT = 30


def out(obj):
    print(json.dumps(obj), flush=True)


def method_of(msg):
    return (msg.sub_id << 15) | (msg.event_id if msg.sub_id == 1 else msg.method_id)


def sd_bytes(entries, options, session):
    sd = SD(flags=0xC0, entry_array=entries, option_array=options)
    return bytes(SOMEIP(srv_id=0xFFFF, sub_id=1, event_id=0x0100, client_id=0, session_id=session, proto_ver=1,
                        iface_ver=1, msg_type=SOMEIP.TYPE_NOTIFICATION, retcode=0) / sd)


def messages(raw):
    """The SOME/IP messages of a datagram, parsed by scapy."""
    at = 0
    while at + 16 <= len(raw):
        length = struct.unpack(">I", raw[at + 4:at + 8])[0]
        yield SOMEIP(raw[at:at + 8 + length]), raw[at + 16:at + 8 + length]
        at += 8 + length


def main(group, sd_port, ecu, me):
    deadline = time.time() + TIMEOUT
    mc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    mc.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    mc.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    mc.bind((group, sd_port))
    mc.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton("127.0.0.1"))
    mc.settimeout(TIMEOUT)
    endpoint = None
    while endpoint is None and time.time() < deadline:
        raw, source = mc.recvfrom(65535)
        if source[0] != ecu or raw[:4] != b"\xff\xff\x81\x00":
            continue
        sd = SOMEIP(raw).payload
        options = list(sd.option_array)
        for entry in sd.entry_array:
            if isinstance(entry, SDEntry_Service) and entry.type == 0x01 and entry.srv_id == SERVICE and entry.ttl > 0:
                for option in options[entry.index_1:entry.index_1 + entry.n_opt_1]:
                    if isinstance(option, SDOption_IP4_EndPoint) and option.l4_proto == UDP:
                        endpoint = (option.addr, option.port)
                        major = entry.major_ver
    out({"offer": "%s:%d" % endpoint})
    mc.close()

    sd_socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sd_socket.bind((me, 0))
    events = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    events.bind((me, 0))
    events.settimeout(TIMEOUT)
    own = SDOption_IP4_EndPoint(addr=me, l4_proto=UDP, port=events.getsockname()[1])
    subscribe = [SDEntry_EventGroup(type=0x06, srv_id=SERVICE, inst_id=1, major_ver=major, ttl=10, eventgroup_id=g,
                                    index_1=0, n_opt_1=1) for g in (1, 2)]
    sd_socket.sendto(sd_bytes(subscribe, [own], 1), (ecu, sd_port))
    sd_socket.settimeout(TIMEOUT)
    acked = set()
    while len(acked) < 2:
        raw, _ = sd_socket.recvfrom(65535)
        for entry in SOMEIP(raw).payload.entry_array:
            if isinstance(entry, SDEntry_EventGroup) and entry.type == 0x07 and entry.ttl > 0:
                acked.add(entry.eventgroup_id)
    out({"acked": sorted(acked)})

    temperatures = []
    climate = None
    while (len(set(temperatures)) < 3 or climate is None) and time.time() < deadline:
        raw, _ = events.recvfrom(65535)
        for message, payload in messages(raw):
            if message.msg_type != 0x02 or message.srv_id != SERVICE:
                continue
            if method_of(message) == 0x8002:
                temperatures.append(round(struct.unpack(">f", payload)[0], 1))
            elif method_of(message) == 0x8001:
                climate = bytearray(payload)
    out({"temperatures": temperatures, "fan": climate[FAN_OFFSET]})

    climate[FAN_OFFSET] = 70
    request = SOMEIP(srv_id=SERVICE, sub_id=0, method_id=0x0002, client_id=0x0077, session_id=1, proto_ver=1,
                     iface_ver=major, msg_type=SOMEIP.TYPE_REQUEST, retcode=0) / bytes(climate)
    events.sendto(bytes(request), endpoint)
    response = None
    confirmed = None
    while (response is None or confirmed is None) and time.time() < deadline:
        raw, _ = events.recvfrom(65535)
        for message, payload in messages(raw):
            if message.msg_type == 0x80 and method_of(message) == 0x0002 and message.session_id == 1:
                response = message.retcode
            elif message.msg_type == 0x02 and method_of(message) == 0x8001 and payload[FAN_OFFSET] == 70:
                confirmed = payload[FAN_OFFSET]
    out({"response": response, "confirmed_fan": confirmed})


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
