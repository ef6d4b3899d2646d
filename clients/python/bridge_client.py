"""A Python client of the vehicle bridge, written the way a KUKSA user writes one: grpcio with stubs generated
from the .proto files in idl/ (kuksa.val.v2 for reading, subscribing and actuating; vehicle.gateway.v1 for
writes the ECU confirms).

Generate the stubs first (nothing generated is committed):

    python3 -m grpc_tools.protoc -I idl/src/main/proto --python_out=OUT --grpc_python_out=OUT \
        kuksa/val/v2/types.proto kuksa/val/v2/val.proto vehicle/gateway/v1/gateway.proto \
        vehicle/signal/v1/signal_options.proto

then, with OUT on PYTHONPATH:

    bridge_client.py [--host H] [--port P] [--token JWT] list [PATTERN]
    bridge_client.py ... get PATH
    bridge_client.py ... watch PATTERN [--count N]
    bridge_client.py ... set PATH VALUE [--dry-run] [--confirmed-by-driver]
    bridge_client.py ... kuksa-tour          # every kuksa.val.v2 call a KUKSA client makes, as a check
    bridge_client.py ... climate SETPOINT    # set the driver's setpoint, get CONFIRMED, watch the cabin follow

Each command prints one line per observation. The token may also come from the environment (BRIDGE_TOKEN).
"""
import argparse
import os
import queue
import sys
import threading

import grpc

from kuksa.val.v2 import types_pb2, val_pb2, val_pb2_grpc
from vehicle.gateway.v1 import gateway_pb2, gateway_pb2_grpc

TIMEOUT_S = 20
DRIVER_SETPOINT = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"
CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature"


class Bridge:
    """The two services of one bridge, with the caller's token on every call."""

    def __init__(self, host, port, token):
        # No proxy: a bridge on loopback is reached directly whatever the environment says.
        self.channel = grpc.insecure_channel("%s:%d" % (host, port), options=[("grpc.enable_http_proxy", 0)])
        self.val = val_pb2_grpc.VALStub(self.channel)
        self.gateway = gateway_pb2_grpc.GatewayStub(self.channel)
        self.metadata = [("authorization", "Bearer " + token)] if token else []

    def close(self):
        self.channel.close()


def plain(value):
    """A kuksa.val.v2.Value as text."""
    kind = value.WhichOneof("typed_value")
    if kind is None:
        return "(none)"
    raw = getattr(value, kind)
    if kind.endswith("_array"):
        return "[" + ", ".join(str(v) for v in raw.values) + "]"
    if kind == "float":
        return "%g" % raw
    return str(raw).lower() if kind == "bool" else str(raw)


def typed(data_type, text):
    """Text from the command line as the Value case of a VSS data type (from ListSignals)."""
    name = types_pb2.DataType.Name(data_type)
    if name == "DATA_TYPE_BOOLEAN":
        return types_pb2.Value(bool=text.lower() in ("true", "1", "on", "yes"))
    if name == "DATA_TYPE_STRING":
        return types_pb2.Value(string=text)
    if name == "DATA_TYPE_FLOAT":
        return types_pb2.Value(float=float(text))
    if name == "DATA_TYPE_DOUBLE":
        return types_pb2.Value(double=float(text))
    if name in ("DATA_TYPE_INT8", "DATA_TYPE_INT16", "DATA_TYPE_INT32"):
        return types_pb2.Value(int32=int(text))
    if name == "DATA_TYPE_INT64":
        return types_pb2.Value(int64=int(text))
    if name in ("DATA_TYPE_UINT8", "DATA_TYPE_UINT16", "DATA_TYPE_UINT32"):
        return types_pb2.Value(uint32=int(text))
    if name == "DATA_TYPE_UINT64":
        return types_pb2.Value(uint64=int(text))
    raise ValueError("cannot write a %s from the command line" % name)


def status_of(write_status):
    return gateway_pb2.WriteStatus.Name(write_status).replace("WRITE_STATUS_", "")


def list_signals(bridge, pattern):
    request = gateway_pb2.ListSignalsRequest(patterns=[pattern] if pattern else [])
    for info in bridge.gateway.ListSignals(request, metadata=bridge.metadata, timeout=TIMEOUT_S).signals:
        availability = gateway_pb2.Availability.Name(info.current.availability).replace("AVAILABILITY_", "")
        print("signal", info.path, types_pb2.DataType.Name(info.data_type).replace("DATA_TYPE_", ""),
              info.unit or "-", availability, plain(info.current.value))


def get(bridge, path):
    point = bridge.val.GetValue(val_pb2.GetValueRequest(signal_id=types_pb2.SignalID(path=path)),
                                metadata=bridge.metadata, timeout=TIMEOUT_S).data_point
    print("value", path, plain(point.value))


def watch(bridge, pattern, count):
    request = gateway_pb2.SubscribeRequest(patterns=[pattern], latest_only=True)
    seen = 0
    for response in bridge.gateway.Subscribe(request, metadata=bridge.metadata):
        for update in response.updates:
            availability = gateway_pb2.Availability.Name(update.availability).replace("AVAILABILITY_", "")
            print("update", update.path, availability, plain(update.value), update.reason, flush=True)
            seen += 1
        if count and seen >= count:
            return


def write(bridge, path, text, dry_run=False, confirmed=False):
    info = bridge.gateway.ListSignals(gateway_pb2.ListSignalsRequest(patterns=[path]), metadata=bridge.metadata,
                                      timeout=TIMEOUT_S).signals[0]
    request = gateway_pb2.WriteRequest(writes=[gateway_pb2.SignalWrite(path=path, value=typed(info.data_type, text))],
                                       dry_run=dry_run, driver_confirmed=confirmed)
    response = bridge.gateway.Write(request, metadata=bridge.metadata, timeout=TIMEOUT_S)
    for result in response.results:
        print("write", result.path, status_of(result.status), plain(result.confirmed_value), result.reason)
    return response


def expect_error(label, call):
    try:
        call()
        print(label, "OK")
    except grpc.RpcError as error:
        print(label, error.code().name)


def kuksa_tour(bridge, read_only_token):
    """Only kuksa.val.v2, as a program written for KUKSA's databroker uses it."""
    val, md = bridge.val, bridge.metadata
    print("server", val.GetServerInfo(val_pb2.GetServerInfoRequest(), metadata=md, timeout=TIMEOUT_S).name)
    metadata = val.ListMetadata(val_pb2.ListMetadataRequest(root="Vehicle.Cabin.HVAC"), metadata=md,
                                timeout=TIMEOUT_S).metadata
    print("metadata", len(metadata))
    setpoint = [m for m in metadata if m.path == DRIVER_SETPOINT][0]
    print("setpoint", types_pb2.DataType.Name(setpoint.data_type), types_pb2.EntryType.Name(setpoint.entry_type),
          setpoint.unit, plain(setpoint.min), plain(setpoint.max))
    by_id = val.GetValue(val_pb2.GetValueRequest(signal_id=types_pb2.SignalID(id=setpoint.id)), metadata=md,
                         timeout=TIMEOUT_S).data_point
    print("get_by_id", plain(by_id.value))
    points = val.GetValues(val_pb2.GetValuesRequest(signal_ids=[types_pb2.SignalID(path=CABIN),
                                                                types_pb2.SignalID(path=DRIVER_SETPOINT)]),
                           metadata=md, timeout=TIMEOUT_S).data_points
    print("get_values", len(points), points[1].timestamp.seconds > 0)

    updates = queue.Queue()
    stream = val.Subscribe(val_pb2.SubscribeRequest(signal_paths=[DRIVER_SETPOINT]), metadata=md)

    def pump():
        try:
            for response in stream:
                for path, point in response.entries.items():
                    updates.put(plain(point.value))
        except grpc.RpcError:
            updates.put(None)

    threading.Thread(target=pump, daemon=True).start()
    print("subscribe_first", updates.get(timeout=TIMEOUT_S))
    val.Actuate(val_pb2.ActuateRequest(signal_id=types_pb2.SignalID(path=DRIVER_SETPOINT),
                                       value=types_pb2.Value(float=23.5)), metadata=md, timeout=TIMEOUT_S)
    while True:
        value = updates.get(timeout=TIMEOUT_S)
        if value == "23.5":
            print("subscribe_change", value)
            break
    stream.cancel()
    val.BatchActuate(val_pb2.BatchActuateRequest(actuate_requests=[
        val_pb2.ActuateRequest(signal_id=types_pb2.SignalID(path=DRIVER_SETPOINT), value=types_pb2.Value(float=22)),
        val_pb2.ActuateRequest(signal_id=types_pb2.SignalID(path="Vehicle.Cabin.HVAC.IsAirConditioningActive"),
                               value=types_pb2.Value(bool=True))]), metadata=md, timeout=TIMEOUT_S)
    print("batch_actuate", plain(val.GetValue(val_pb2.GetValueRequest(
        signal_id=types_pb2.SignalID(path="Vehicle.Cabin.HVAC.IsAirConditioningActive")), metadata=md,
        timeout=TIMEOUT_S).data_point.value))
    expect_error("unknown_path", lambda: val.GetValue(val_pb2.GetValueRequest(
        signal_id=types_pb2.SignalID(path="Vehicle.Nope")), metadata=md, timeout=TIMEOUT_S))
    expect_error("out_of_range", lambda: val.Actuate(val_pb2.ActuateRequest(
        signal_id=types_pb2.SignalID(path=DRIVER_SETPOINT), value=types_pb2.Value(float=99)), metadata=md,
        timeout=TIMEOUT_S))
    expect_error("sensor", lambda: val.Actuate(val_pb2.ActuateRequest(
        signal_id=types_pb2.SignalID(path=CABIN), value=types_pb2.Value(float=20)), metadata=md, timeout=TIMEOUT_S))
    expect_error("no_token", lambda: val.GetValue(val_pb2.GetValueRequest(
        signal_id=types_pb2.SignalID(path=CABIN)), timeout=TIMEOUT_S))
    expect_error("read_only_actuate", lambda: val.Actuate(val_pb2.ActuateRequest(
        signal_id=types_pb2.SignalID(path=DRIVER_SETPOINT), value=types_pb2.Value(float=21)),
        metadata=[("authorization", "Bearer " + read_only_token)], timeout=TIMEOUT_S))


def climate(bridge, setpoint):
    """Subscribe, set the driver's setpoint with a confirmed result, and watch the cabin temperature follow."""
    list_signals(bridge, "Vehicle.Cabin.HVAC.Station.Row1")
    updates = queue.Queue()
    stream = bridge.gateway.Subscribe(gateway_pb2.SubscribeRequest(patterns=[CABIN, DRIVER_SETPOINT]),
                                      metadata=bridge.metadata)

    def pump():
        try:
            for response in stream:
                for update in response.updates:
                    updates.put(update)
        except grpc.RpcError:
            updates.put(None)

    threading.Thread(target=pump, daemon=True).start()
    start = None
    while start is None:
        update = updates.get(timeout=TIMEOUT_S)
        if update.path == CABIN and update.HasField("value"):
            start = update.value.float
    print("cabin_start", "%.1f" % start)
    response = write(bridge, DRIVER_SETPOINT, str(setpoint))
    print("outcome", gateway_pb2.WriteOutcome.Name(response.outcome).replace("WRITE_OUTCOME_", ""))
    direction = 1 if setpoint > start else -1
    while True:
        update = updates.get(timeout=TIMEOUT_S)
        if update.path == CABIN and update.HasField("value") and (update.value.float - start) * direction >= 1.0:
            print("cabin_moved", "toward" if direction > 0 else "down", "%.1f" % update.value.float)
            break
    stream.cancel()


def main():
    parser = argparse.ArgumentParser(description="A Python client of the vehicle bridge (kuksa.val.v2 and "
                                                 "vehicle.gateway.v1 over gRPC).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=55555)
    parser.add_argument("--token", default=os.environ.get("BRIDGE_TOKEN"))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list").add_argument("pattern", nargs="?")
    commands.add_parser("get").add_argument("path")
    watch_parser = commands.add_parser("watch")
    watch_parser.add_argument("pattern")
    watch_parser.add_argument("--count", type=int, default=0)
    set_parser = commands.add_parser("set")
    set_parser.add_argument("path")
    set_parser.add_argument("value")
    set_parser.add_argument("--dry-run", action="store_true")
    set_parser.add_argument("--confirmed-by-driver", action="store_true")
    tour = commands.add_parser("kuksa-tour")
    tour.add_argument("--read-only-token", required=True)
    commands.add_parser("climate").add_argument("setpoint", type=float)
    args = parser.parse_args()

    bridge = Bridge(args.host, args.port, args.token)
    try:
        if args.command == "list":
            list_signals(bridge, args.pattern)
        elif args.command == "get":
            get(bridge, args.path)
        elif args.command == "watch":
            watch(bridge, args.pattern, args.count)
        elif args.command == "set":
            response = write(bridge, args.path, args.value, args.dry_run, args.confirmed_by_driver)
            return 0 if response.outcome in (gateway_pb2.WRITE_OUTCOME_CONFIRMED, gateway_pb2.WRITE_OUTCOME_ALLOWED) else 2
        elif args.command == "kuksa-tour":
            kuksa_tour(bridge, args.read_only_token)
        elif args.command == "climate":
            climate(bridge, args.setpoint)
    except grpc.RpcError as error:
        print("error", error.code().name, error.details(), file=sys.stderr)
        return 1
    finally:
        bridge.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
