package io.vehicle.assistant.reply;

import java.util.Objects;

/**
 * The ECU's own error answer to a write, as the gateway reports it (vehicle.gateway.v1.EcuError).
 *
 * @param name        the return code's name: an application error the IDL declares ("TRUNK_LOCKED"), a SOME/IP
 *                    standard code ("E_NOT_READY") or the bridge's "service-specific error 0x5E" for an undeclared one
 * @param description what the error means: the IDL's description of a declared error, else the ECU's text
 */
public record EcuRefusal(String name, String description) {

    public EcuRefusal {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
