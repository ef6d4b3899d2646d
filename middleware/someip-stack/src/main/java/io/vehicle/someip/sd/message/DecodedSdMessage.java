package io.vehicle.someip.sd.message;

import java.util.List;

/**
 * What {@link SdCodec#decode} found in a well-formed SD message: the accepted entries in arrival
 * order (in {@code message}), their raw option run fields ({@code indexes.get(i)} belongs to
 * {@code message.entries().get(i)}), and the entries that were rejected one by one.
 */
public record DecodedSdMessage(SdMessage message, List<OptionRunIndexes> indexes, List<RejectedSdEntry> rejected) {

    public DecodedSdMessage {
        indexes = List.copyOf(indexes);
        rejected = List.copyOf(rejected);
    }
}
