#!/usr/bin/python3
"""A test bench driving a running simulator through its gRPC control API (vehicle.simulator.v1).

Generate the Python stubs from the repository's idl/ first (nothing generated is committed):

    /usr/bin/python3 -m grpc_tools.protoc -I idl/src/main/proto --python_out=OUT --grpc_python_out=OUT \
        vehicle/simulator/v1/simulator_control.proto kuksa/val/v2/types.proto
    PYTHONPATH=OUT /usr/bin/python3 simulator/examples/python/bench_example.py --port 55556

It lists the ECUs, forces the outside temperature (held), injects a sensor freeze on the cabin temperature
and a StopOffer of the infotainment service, checks both show up, clears them, and checks they are gone.
Each step prints one line; the exit code is 0 only if every check held.
"""
import argparse
import sys

import grpc

from kuksa.val.v2 import types_pb2
from vehicle.simulator.v1 import simulator_control_pb2 as control
from vehicle.simulator.v1 import simulator_control_pb2_grpc as control_grpc

CABIN = "Vehicle.Cabin.HVAC.AmbientAirTemperature"
OUTSIDE = "Vehicle.Exterior.AirTemperature"


def check(condition, what):
    if not condition:
        print("FAILED " + what, flush=True)
        sys.exit(1)


def value_of(stub, path):
    response = stub.GetValues(control.GetValuesRequest(patterns=[path]), timeout=10)
    check(len(response.values) == 1, "one value for " + path)
    return response.values[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=55556)
    args = parser.parse_args()
    channel = grpc.insecure_channel("%s:%d" % (args.host, args.port))
    stub = control_grpc.SimulatorControlStub(channel)

    ecus = stub.ListEcus(control.ListEcusRequest(), timeout=10).ecus
    for ecu in ecus:
        services = ",".join(s.name.split(".")[-1] for s in ecu.services)
        print("ecu %s %s %s %s" % (ecu.name, ecu.unicast_address,
                                   control.EcuState.Name(ecu.state), services), flush=True)
    check(len(ecus) > 0, "the simulator runs ECUs")

    forced = stub.ForceValue(control.ForceValueRequest(path=OUTSIDE, value=types_pb2.Value(float=-7.5),
                                                       hold=True), timeout=10).value
    check(forced.held and forced.value.float == -7.5, "the outside temperature is held at -7.5")
    print("forced %s = %.1f held=%s" % (forced.path, forced.value.float, forced.held), flush=True)

    freeze = stub.TriggerFault(control.TriggerFaultRequest(
        fault=control.Fault(sensor_freeze=control.SensorFreeze(path=CABIN))), timeout=10).fault
    stop = stub.TriggerFault(control.TriggerFaultRequest(fault=control.Fault(
        target=control.FaultTarget(service=control.ServiceInstance(service_id=0x1007, instance_id=1)),
        stop_offer=control.StopOffer())), timeout=10).fault
    print("faults %s %s" % (freeze.fault_id, stop.fault_id), flush=True)
    check(value_of(stub, CABIN).frozen, "the cabin temperature is frozen")
    head_unit = [e for e in stub.ListEcus(control.ListEcusRequest(), timeout=10).ecus if e.name == "head-unit"][0]
    check(not head_unit.services[0].offered, "the infotainment service is withdrawn")
    check(any(f.fault_id == stop.fault_id for f in head_unit.faults), "the head unit lists its fault")
    print("frozen=%s infotainment offered=%s" % (value_of(stub, CABIN).frozen, head_unit.services[0].offered),
          flush=True)

    try:
        stub.ForceValue(control.ForceValueRequest(path="Vehicle.Nope", value=types_pb2.Value(bool=True)), timeout=10)
        check(False, "an unknown path is refused")
    except grpc.RpcError as error:
        print("refused %s %s" % (error.code().name, error.details()), flush=True)
        check(error.code() == grpc.StatusCode.NOT_FOUND, "an unknown path is NOT_FOUND")

    cleared = stub.ClearFault(control.ClearFaultRequest(all=True), timeout=10).cleared_fault_ids
    released = stub.ReleaseValue(control.ReleaseValueRequest(path=OUTSIDE), timeout=10).value
    head_unit = [e for e in stub.ListEcus(control.ListEcusRequest(), timeout=10).ecus if e.name == "head-unit"][0]
    check(sorted(cleared) == sorted([freeze.fault_id, stop.fault_id]), "both faults cleared")
    check(not value_of(stub, CABIN).frozen and not released.held, "nothing frozen or held any more")
    check(head_unit.services[0].offered and not head_unit.faults, "the infotainment service is offered again")
    print("cleared %s; frozen=%s held=%s infotainment offered=%s" % (",".join(sorted(cleared)),
          value_of(stub, CABIN).frozen, released.held, head_unit.services[0].offered), flush=True)
    print("bench example done", flush=True)


if __name__ == "__main__":
    main()
