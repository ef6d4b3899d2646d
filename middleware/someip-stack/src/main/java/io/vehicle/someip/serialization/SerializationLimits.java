package io.vehicle.someip.serialization;

/**
 * Bounds on what a received payload may make the deserializer build, applied where the deployment
 * names none. Element counts are also bounded by the bytes present, so no payload allocates more
 * than its own size; these bounds keep work per message predictable.
 *
 * @param maxArrayElements elements per array when the field deploys no array_max_elements
 * @param maxNestingDepth  structs inside structs, guarding the stack against recursive types
 */
public record SerializationLimits(int maxArrayElements, int maxNestingDepth) {

    public static final SerializationLimits DEFAULT = new SerializationLimits(65_536, 32);

    public SerializationLimits {
        if (maxArrayElements < 1 || maxNestingDepth < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxArrayElements + ", " + maxNestingDepth);
        }
    }
}
