package io.vehicle.someip.sd.message;

/**
 * The raw option run fields of a received entry (feat_req_someipsd_336): indexes into
 * {@link SdMessage#options()} and the run lengths. An empty run may carry any index
 * (feat_req_someipsd_347).
 */
public record OptionRunIndexes(int index1, int index2, int count1, int count2) {
}
