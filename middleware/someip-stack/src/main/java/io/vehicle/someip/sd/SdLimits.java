package io.vehicle.someip.sd;

/**
 * Bounds of what SD keeps for other nodes, so one host on the segment cannot exhaust a node's
 * memory or its subscriber tables (docs/security.md). What a bound refuses is counted per
 * {@link SdRefusal}.
 *
 * @param maxSubscribersPerEventgroup remote subscribers of one eventgroup of one offered instance; a
 *                                    new one beyond is answered with a Nack ({@link SdRefusal#SUBSCRIBER_LIMIT})
 * @param maxSubscribers              remote subscribers over all eventgroups and offers of the node
 * @param maxPeers                    senders whose SD state (reboot detection, our session counter towards
 *                                    them) is kept; a new one beyond forgets the sender heard from least
 *                                    recently that holds no service, subscription or subscriber of ours
 *                                    ({@link SdRefusal#PEER_STATE_EVICTED})
 * @param peerIdleMillis              the state of such a sender is forgotten this long after its last message
 * @param maxRemoteServices           remote service instances remembered from offers; beyond, offers of
 *                                    instances no find or subscription wants are refused
 *                                    ({@link SdRefusal#REMOTE_SERVICE_LIMIT})
 */
public record SdLimits(int maxSubscribersPerEventgroup, int maxSubscribers, int maxPeers, long peerIdleMillis,
                       int maxRemoteServices) {

    public SdLimits {
        if (maxSubscribersPerEventgroup < 1 || maxSubscribers < maxSubscribersPerEventgroup) {
            throw new IllegalArgumentException("need 1 <= maxSubscribersPerEventgroup <= maxSubscribers, got "
                    + maxSubscribersPerEventgroup + " and " + maxSubscribers);
        }
        if (maxPeers < 1 || maxRemoteServices < 1 || peerIdleMillis < 1) {
            throw new IllegalArgumentException("maxPeers, maxRemoteServices and peerIdleMillis must be positive");
        }
    }

    /**
     * 16 subscribers per eventgroup, 1,024 in all, 1,024 senders remembered, forgotten 30 s after
     * their last message when they hold nothing, 1,024 remote instances: far beyond an in-vehicle
     * network of some dozen ECUs, and a few hundred kilobytes at most.
     */
    public static SdLimits defaults() {
        return new SdLimits(16, 1024, 1024, 30_000, 1024);
    }
}
