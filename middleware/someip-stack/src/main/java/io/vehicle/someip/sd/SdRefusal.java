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
    ENTRY_REJECTED,
    /**
     * An SD message whose SD Endpoint Option names another address or port than the datagram's
     * source: refused as a whole unless {@link SdTrust#sdEndpointOptionTrusted()}, so no one can
     * speak for another node (feat_req_someipsd_1084 is kept for an option that names the source).
     */
    SD_ENDPOINT_NOT_SOURCE,
    /**
     * An entry naming an endpoint off its sender's own address (unless
     * {@link SdTrust#foreignEndpointsAccepted()}): ignored, a SubscribeEventgroup Nacked, so no one
     * can direct a provider's events at a third host.
     */
    ENDPOINT_NOT_SENDER,
    /**
     * An OfferService, StopOfferService, Ack or Nack about a service instance known from another
     * provider that is still alive: ignored. A consumer moves to another provider only after the
     * StopOffer, the TTL expiry or the reboot of its own (feat_req_someipsd_831, feat_req_someipsd_871).
     */
    NOT_FROM_PROVIDER,
    /** An offer of a service pinned to other providers ({@link SdTrust#allowedProviders()}): ignored. */
    PROVIDER_NOT_ALLOWED,
    /** A StopSubscribeEventgroup of a subscription its sender does not hold: ignored. */
    NOT_SUBSCRIBED,
    /**
     * A new subscriber over {@link SdLimits#maxSubscribersPerEventgroup()} or {@link SdLimits#maxSubscribers()}
     * whose host holds as many slots there as any other host, or one fewer: Nacked.
     */
    SUBSCRIBER_LIMIT,
    /**
     * A subscriber dropped to make room for one from another host at a subscriber bound: the oldest
     * of the host holding the most slots, which held at least two more than the newcomer's host.
     * Counted against the dropped subscriber's SD address; it is not told, and its next renewal is a
     * new subscription.
     */
    SUBSCRIBER_EVICTED,
    /** An offer of an instance nobody wants while {@link SdLimits#maxRemoteServices()} are remembered: ignored. */
    REMOTE_SERVICE_LIMIT,
    /**
     * A sender's SD state (reboot history, our session counter) forgotten to make room for a new
     * sender, {@link SdLimits#maxPeers()} being reached: counted against the newcomer.
     */
    PEER_STATE_EVICTED
}
