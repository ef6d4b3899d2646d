package io.vehicle.simulator;

import io.vehicle.idl.simulator.v1.ActiveFault;
import io.vehicle.simulator.ecu.VirtualEcu;
import java.util.List;

/** A virtual ECU as a bench sees it: state, address, services with their endpoints, faults in force. */
public record EcuStatus(String name, VirtualEcu.State state, String unicast, List<Service> services,
                        List<ActiveFault> faults) {

    /** One offered service: full IDL name, ids, ports (0 while down), whether SD announces it now. */
    public record Service(String name, int serviceId, int instanceId, int majorVersion, int minorVersion, int udpPort,
                          int tcpPort, boolean offered) {
    }
}
