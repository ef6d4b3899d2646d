package io.vehicle.bridge.write;

import io.vehicle.bridge.policy.Verdict;
import java.time.Instant;

/**
 * What became of one signal of a write.
 *
 * @param verdict        the policy's answer; null when the policy was not consulted (an invalid write)
 * @param requested      the value asked for (plain Java), null if none was given
 * @param confirmedValue what the ECU reported after the write (also when it differs); null if nothing
 * @param previousValue  the value before the write as last reported; null when none was known
 * @param ecuError       the ECU's refusal, or null
 */
public record WriteResult(String path, WriteStatus status, String reason, Verdict verdict, Object requested,
                          Object confirmedValue, Instant confirmedAt, Object previousValue, EcuError ecuError) {
}
