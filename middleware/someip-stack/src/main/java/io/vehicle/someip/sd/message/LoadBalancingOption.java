package io.vehicle.someip.sd.message;

/** Load Balancing Option (feat_req_someipsd_146, feat_req_someipsd_175): lower priority value wins, weight breaks ties. */
public record LoadBalancingOption(int priority, int weight) implements SdOption {

    public static final int TYPE = 0x02;

    public LoadBalancingOption {
        if (priority < 0 || priority > 0xFFFF || weight < 0 || weight > 0xFFFF) {
            throw new IllegalArgumentException("priority and weight are uint16: " + priority + ", " + weight);
        }
    }

    @Override
    public int type() {
        return TYPE;
    }
}
