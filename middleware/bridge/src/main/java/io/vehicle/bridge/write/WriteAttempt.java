package io.vehicle.bridge.write;

import java.util.concurrent.CompletableFuture;

/**
 * A write in progress.
 *
 * @param accepted completes once every ECU has answered its write (or the request was refused before
 *                 sending): signals not confirmed yet are ACCEPTED. KUKSA's Actuate answers here.
 * @param finished completes with the final report: every signal CONFIRMED or why not.
 */
public record WriteAttempt(CompletableFuture<WriteReport> accepted, CompletableFuture<WriteReport> finished) {
}
