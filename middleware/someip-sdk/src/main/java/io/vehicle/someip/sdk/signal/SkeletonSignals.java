package io.vehicle.someip.sdk.signal;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.vehicle.someip.sdk.binding.DescriptorSkeleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider side of signals: reads and writes the signals held in the fields of one skeleton,
 * by VSS path (a simulator's plant model, a forced value from a test bench). A write is a
 * read-modify-write of the field under the skeleton's field lock (so it loses no update of another
 * writer of the field, through another SkeletonSignals or a consumer's setter call), and notifies
 * the field's subscribers once.
 * The provider may write read-only signals (it is their source); values must still fit the IDL.
 */
public final class SkeletonSignals {

    private final DescriptorSkeleton skeleton;
    private final SignalRegistry registry;

    public SkeletonSignals(DescriptorSkeleton skeleton, SignalRegistry registry) {
        this.skeleton = skeleton;
        this.registry = registry;
    }

    /** The signals this skeleton's fields carry. */
    public List<SignalDefinition> signals() {
        return registry.all().stream()
                .filter(s -> s.service().serviceId() == skeleton.binding().serviceId() && s.field() != null)
                .toList();
    }

    public Object get(String path) {
        SignalDefinition signal = own(path);
        return SignalCodec.read(signal, fieldValue(signal));
    }

    /** Sets one signal; {@link SignalValueException} if the value does not fit the IDL. */
    public void set(String path, Object value) {
        setAll(Map.of(path, value));
    }

    /**
     * Sets several signals; those of one field change together, with one notification. Nothing
     * is written when any value does not fit.
     */
    public void setAll(Map<String, Object> values) {
        Map<String, Map<SignalDefinition, Object>> byField = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            SignalDefinition signal = own(entry.getKey());
            SignalCheck.value(signal, entry.getValue()).ifPresent(v -> {
                throw new SignalValueException(v);
            });
            byField.computeIfAbsent(signal.field().name(), f -> new LinkedHashMap<>()).put(signal, entry.getValue());
        }
        byField.forEach((field, changes) -> {
            SignalDefinition first = changes.keySet().iterator().next();
            // The skeleton's read-modify-write: serialized with every other writer of the field,
            // whichever SkeletonSignals it uses, and with a consumer's setter call.
            skeleton.<Message>updateField(first.field(), DynamicMessage.getDefaultInstance(first.field().type()), current -> {
                Message value = current;
                for (Map.Entry<SignalDefinition, Object> change : changes.entrySet()) {
                    value = SignalCodec.write(change.getKey(), value, change.getValue());
                }
                return value;
            });
        });
    }

    private Message fieldValue(SignalDefinition signal) {
        return skeleton.fieldValue(signal.field().name(), DynamicMessage.getDefaultInstance(signal.field().type()));
    }

    private SignalDefinition own(String path) {
        SignalDefinition signal = registry.require(path);
        if (signal.field() == null || signal.service().serviceId() != skeleton.binding().serviceId()) {
            throw new UnknownSignalException(path, path + " is not in a field of " + skeleton.binding());
        }
        return signal;
    }
}
