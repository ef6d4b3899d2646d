"""A KUKSA-style Python gRPC client (grpcio, code generated from idl/ by grpc_tools) against a VAL server.

Usage: kuksa_val_client.py PORT, with the generated modules on PYTHONPATH. Prints one line per observation
for the Java test to compare; exits non-zero only when the client itself breaks.
"""
import sys

import grpc

from kuksa.val.v2 import types_pb2, val_pb2, val_pb2_grpc

TIMEOUT_S = 10


def signal(path):
    return types_pb2.SignalID(path=path)


def main(port):
    # No proxy: a test server on loopback is reached directly whatever the environment says.
    with grpc.insecure_channel("127.0.0.1:%d" % port, options=[("grpc.enable_http_proxy", 0)]) as channel:
        stub = val_pb2_grpc.VALStub(channel)

        info = stub.GetServerInfo(val_pb2.GetServerInfoRequest(), timeout=TIMEOUT_S)
        print("server_info", info.name)

        point = stub.GetValue(val_pb2.GetValueRequest(signal_id=signal("Vehicle.Exterior.AirTemperature")),
                              timeout=TIMEOUT_S).data_point
        print("get_value", point.value.WhichOneof("typed_value"), point.value.int32, point.timestamp.seconds,
              point.timestamp.nanos)

        try:
            stub.GetValue(val_pb2.GetValueRequest(signal_id=signal("Vehicle.Nope")), timeout=TIMEOUT_S)
            print("get_unknown no error")
        except grpc.RpcError as error:
            print("get_unknown", error.code().name, error.details())

        request = val_pb2.SubscribeRequest(signal_paths=["Vehicle.Speed", "Vehicle.TraveledDistance"])
        for response in stub.Subscribe(request, timeout=TIMEOUT_S):
            for path, point in sorted(response.entries.items()):
                kind = point.value.WhichOneof("typed_value")
                print("update", path, kind, getattr(point.value, kind))

        try:
            for _ in stub.Subscribe(val_pb2.SubscribeRequest(signal_paths=["Vehicle.Nope"]), timeout=TIMEOUT_S):
                print("subscribe_unknown got an update")
            print("subscribe_unknown no error")
        except grpc.RpcError as error:
            print("subscribe_unknown", error.code().name, error.details())


if __name__ == "__main__":
    main(int(sys.argv[1]))
