package io.vehicle.someip.sd;

/**
 * Why SD refused a received message or entry. {@link SdNode#refusals()} counts them per reason;
 * input that is not a SOME/IP message at all is counted by {@link SdNode#inboundErrors()}.
 */
public enum SdRefusal {
    /** A SOME/IP message on the SD port that is not SD: not service 0xFFFF, method 0x8100 (feat_req_someipsd_26). */
    NOT_SD,
    /**
     * An SD message that does not decode: a SOME/IP header that is not SD's (feat_req_someipsd_1220), or
     * too few bytes for its header or arrays (feat_req_someipsd_1164).
     */
    MALFORMED_SD,
    /**
     * An SD message whose source address, or the SD Endpoint Option naming its sender
     * (feat_req_someipsd_1084), lies outside the allowed subnets (feat_req_someipsd_1135): not answered.
     */
    SENDER_NOT_ALLOWED,
    /**
     * An entry naming an endpoint outside the allowed subnets (feat_req_someipsd_1135): ignored, a
     * SubscribeEventgroup answered with a Nack.
     */
    ENDPOINT_NOT_ALLOWED,
    /** An OfferService without an endpoint option (feat_req_someipsd_681): nobody could reach it. */
    OFFER_WITHOUT_ENDPOINT,
    /**
     * An entry the codec rejected (feat_req_someipsd_1164, feat_req_someipsd_102), e.g. referencing
     * options that do not exist: ignored, a SubscribeEventgroup answered with a Nack (feat_req_someipsd_1144).
     */
    ENTRY_REJECTED
}
