package io.vehicle.someip.sd;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * SOME/IP-SD timing parameters of the spec's Startup and Response Behavior, in milliseconds and
 * seconds as the spec names them.
 *
 * @param initialDelayMinMs     INITIAL_DELAY minimum (feat_req_someipsd_63)
 * @param initialDelayMaxMs     INITIAL_DELAY maximum
 * @param repetitionsBaseDelayMs REPETITIONS_BASE_DELAY (feat_req_someipsd_67)
 * @param repetitionsMax        REPETITIONS_MAX (feat_req_someipsd_73)
 * @param cyclicOfferDelayMs    CYCLIC_OFFER_DELAY, 0 for no cyclic offers (feat_req_someipsd_79)
 * @param requestResponseDelayMinMs REQUEST_RESPONSE_DELAY minimum (feat_req_someipsd_83)
 * @param requestResponseDelayMaxMs REQUEST_RESPONSE_DELAY maximum
 * @param offerTtlSeconds       TTL of our OfferService entries
 * @param subscribeTtlSeconds   TTL of our SubscribeEventgroup entries
 */
public record SdTimings(
        @JsonProperty("initialDelayMinMs") long initialDelayMinMs,
        @JsonProperty("initialDelayMaxMs") long initialDelayMaxMs,
        @JsonProperty("repetitionsBaseDelayMs") long repetitionsBaseDelayMs,
        @JsonProperty("repetitionsMax") int repetitionsMax,
        @JsonProperty("cyclicOfferDelayMs") long cyclicOfferDelayMs,
        @JsonProperty("requestResponseDelayMinMs") long requestResponseDelayMinMs,
        @JsonProperty("requestResponseDelayMaxMs") long requestResponseDelayMaxMs,
        @JsonProperty("offerTtlSeconds") int offerTtlSeconds,
        @JsonProperty("subscribeTtlSeconds") int subscribeTtlSeconds) {

    public SdTimings {
        if (initialDelayMinMs < 0 || initialDelayMaxMs < initialDelayMinMs) {
            throw new IllegalArgumentException("INITIAL_DELAY needs 0 <= min <= max");
        }
        if (requestResponseDelayMinMs < 0 || requestResponseDelayMaxMs < requestResponseDelayMinMs) {
            throw new IllegalArgumentException("REQUEST_RESPONSE_DELAY needs 0 <= min <= max");
        }
        if (repetitionsMax < 0 || repetitionsBaseDelayMs < 0 || cyclicOfferDelayMs < 0) {
            throw new IllegalArgumentException("repetitions and delays must not be negative");
        }
        if (offerTtlSeconds < 1 || subscribeTtlSeconds < 1 || offerTtlSeconds > 0xFFFFFF
                || subscribeTtlSeconds > 0xFFFFFF) {
            throw new IllegalArgumentException("TTLs must be 1..0xFFFFFF seconds");
        }
        if (cyclicOfferDelayMs > 0 && cyclicOfferDelayMs >= offerTtlSeconds * 1000L) {
            throw new IllegalArgumentException("CYCLIC_OFFER_DELAY must be shorter than the offer TTL, "
                    + "or offers expire between two repetitions");
        }
    }

    /** Defaults in the spirit of the spec's example of the phases (REPETITIONS_BASE_DELAY 100 ms). */
    public static SdTimings defaults() {
        return new SdTimings(10, 100, 100, 3, 1000, 10, 50, 3, 3);
    }

    /** Fast timings for tests and one-machine demos: first offer within 10 ms. */
    public static SdTimings fast() {
        return new SdTimings(0, 10, 20, 2, 500, 0, 5, 2, 2);
    }
}
