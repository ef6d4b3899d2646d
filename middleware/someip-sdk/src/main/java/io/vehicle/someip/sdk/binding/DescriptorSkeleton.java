package io.vehicle.someip.sdk.binding;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.FieldSetter;
import io.vehicle.someip.sdk.service.ProxyOptions;
import io.vehicle.someip.runtime.MalformedPayloadException;
import io.vehicle.someip.runtime.RequestHandler;
import io.vehicle.someip.sdk.service.ServiceSkeleton;
import io.vehicle.someip.runtime.SomeIpErrorException;
import io.vehicle.someip.serialization.SerializationException;
import io.vehicle.someip.serialization.SomeIpSerializer;
import io.vehicle.someip.wire.ReturnCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The provider side of a service described by its .proto: handlers per rpc, fields with their
 * current value, events, all with protobuf messages serialized by the deployment in the options.
 * Generated typed skeletons delegate here; the bridge and the simulator can use it directly with
 * DynamicMessage for any service of the IDL.
 */
public final class DescriptorSkeleton implements AutoCloseable {

    private final ServiceBinding binding;
    private final SomeIpSerializer serializer;
    private final ServiceSkeleton skeleton;
    private final Map<String, Message> fieldPrototypes;
    /** Fields whose default value cannot be serialized (e.g. a fixed-length array) and not yet set. */
    private final java.util.Set<String> unsetFields = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private DescriptorSkeleton(Builder builder, SomeIpNode node) {
        this.binding = builder.binding;
        this.serializer = builder.serializer;
        this.fieldPrototypes = Map.copyOf(builder.fieldPrototypes);
        ServiceSkeleton.Builder raw = ServiceSkeleton.builder(binding.serviceId(), builder.instanceId,
                binding.majorVersion(), binding.minorVersion()).handlerExecutor(builder.handlerExecutor);
        for (RpcBinding rpc : binding.rpcs()) {
            switch (rpc.kind()) {
                case METHOD -> raw.method(rpc.id(), handler(rpc, builder));
                case FIRE_AND_FORGET -> raw.fireAndForget(rpc.id(), handler(rpc, builder));
                case EVENT -> raw.event(rpc.id(), rpc.reliable(), eventgroups(rpc));
                default -> {
                    // field rpcs are bound below, once per field
                }
            }
        }
        for (FieldBinding field : binding.fields().values()) {
            if (field.notifier() == null) {
                throw new IllegalArgumentException(binding + ": field " + field.name() + " needs a notifier");
            }
            Message initial = builder.initialValues.getOrDefault(field.name(), prototype(field, builder));
            ByteBuf initialBytes;
            try {
                initialBytes = serializer.serialize(initial, ByteBufAllocator.DEFAULT);
            } catch (SerializationException e) {
                if (builder.initialValues.containsKey(field.name())) {
                    throw new IllegalArgumentException(binding + ": initial value of field " + field.name()
                            + " cannot be serialized: " + e.getMessage(), e);
                }
                // The type's default is no valid value (ara::com: set fields before offering); offer() checks.
                unsetFields.add(field.name());
                initialBytes = Unpooled.EMPTY_BUFFER;
            }
            Function<Message, CompletionStage<? extends Message>> validator =
                    builder.setters.getOrDefault(field.name(), CompletableFuture::completedFuture);
            FieldSetter setter = field.setter() == null ? null : requested -> {
                Message value;
                try {
                    value = serializer.deserialize(requested, prototype(field, builder));
                } catch (SerializationException e) {
                    return CompletableFuture.failedFuture(new MalformedPayloadException(e.getMessage()));
                }
                return validator.apply(value).thenApply(this::serialize);
            };
            raw.field(field.notifier().id(), field.getter() == null ? -1 : field.getter().id(),
                    field.setter() == null ? -1 : field.setter().id(), setter, initialBytes,
                    field.notifier().reliable(), eventgroups(field.notifier()));
        }
        this.skeleton = node.skeleton(raw);
    }

    public static Builder builder(ServiceBinding binding, SomeIpSerializer serializer) {
        return new Builder(binding, serializer);
    }

    public ServiceBinding binding() {
        return binding;
    }

    public ServiceSkeleton raw() {
        return skeleton;
    }

    /** Offers the service; every field must hold a value that serializes (its default or one set since). */
    public void offer() {
        if (!unsetFields.isEmpty()) {
            throw new IllegalStateException(binding + ": set fields " + new java.util.TreeSet<>(unsetFields)
                    + " before offering; their default value cannot be serialized");
        }
        skeleton.offer();
    }

    public void stopOffer() {
        skeleton.stopOffer();
    }

    /** Publishes an event (a server-streaming rpc that is not a field notifier). */
    public void publish(String rpcName, Message event) {
        publish(binding.rpc(rpcName), event);
    }

    /** Publishes an event resolved once (the typed API's path: nothing looked up by name). */
    public <T extends Message> void publish(TypedRpc<?, T> event, T value) {
        publish(event.rpc(), value);
    }

    private void publish(RpcBinding rpc, Message event) {
        if (rpc.kind() != RpcKind.EVENT) {
            throw new IllegalArgumentException(rpc.name() + " is not an event of " + binding + " (it is "
                    + rpc.kind() + ")");
        }
        binding.requireType(rpc.output(), event, rpc.name());
        skeleton.publish(rpc.id(), serialize(event));
    }

    /** Sets a field's value from the provider side and notifies subscribers (feat_req_someip_635). */
    public void updateField(String fieldName, Message value) {
        updateField(binding.field(fieldName), value);
    }

    /** As {@link #updateField(String, Message)}, with the field resolved once. */
    public void updateField(FieldBinding field, Message value) {
        binding.requireType(field.type(), value, field.name());
        ByteBuf bytes = serialize(value);
        skeleton.updateField(field.notifier().id(), current -> {
            unsetFields.remove(field.name()); // under the field lock, as a read-modify-write reads it
            return bytes;
        });
    }

    /**
     * A read-modify-write of a field on the provider side: {@code change} gets the current value,
     * read into {@code prototype}'s type (the type's default while the field was never set), and
     * returns the new value, which is stored and notified. It runs under the skeleton's field lock,
     * the one the remote setter and getter take, so no other write of the field (another update,
     * {@link #updateField(FieldBinding, Message)}, a setter call from a consumer) can come between
     * the read and the write and be lost. Keep {@code change} short and non-blocking.
     *
     * @return the value stored
     */
    public <T extends Message> T updateField(String fieldName, T prototype, UnaryOperator<T> change) {
        return updateField(binding.field(fieldName), prototype, change);
    }

    /** As {@link #updateField(String, Message, UnaryOperator)}, with the field resolved once. */
    public <T extends Message> T updateField(FieldBinding field, T prototype, UnaryOperator<T> change) {
        binding.requireType(field.type(), prototype, field.name());
        List<T> stored = new ArrayList<>(1);
        skeleton.updateField(field.notifier().id(), current -> {
            T value = unsetFields.contains(field.name()) ? prototype : read(field, current, prototype);
            T changed = change.apply(value);
            binding.requireType(field.type(), changed, field.name());
            ByteBuf bytes = serialize(changed);
            unsetFields.remove(field.name());
            stored.add(changed);
            return bytes;
        });
        return stored.get(0);
    }

    /** The field's current value, read back into {@code prototype}'s type. */
    public <T extends Message> T fieldValue(String fieldName, T prototype) {
        return fieldValue(binding.field(fieldName), prototype);
    }

    /** As {@link #fieldValue(String, Message)}, with the field resolved once. */
    public <T extends Message> T fieldValue(FieldBinding field, T prototype) {
        ByteBuf value = skeleton.retainedFieldValue(field.notifier().id());
        try {
            return read(field, value, prototype);
        } finally {
            value.release();
        }
    }

    private <T extends Message> T read(FieldBinding field, ByteBuf value, T prototype) {
        try {
            return serializer.deserialize(value, prototype);
        } catch (SerializationException e) {
            throw new IllegalStateException("stored value of field " + field.name() + " does not read back", e);
        }
    }

    private RequestHandler handler(RpcBinding rpc, Builder builder) {
        Function<Message, CompletionStage<? extends Message>> handler = builder.handlers.get(rpc.name());
        if (handler == null) {
            throw new IllegalArgumentException(binding + ": no handler for method " + rpc.name());
        }
        Message prototype = builder.prototypes.getOrDefault(rpc.name(), DynamicMessage.getDefaultInstance(rpc.input()));
        return request -> {
            Message input;
            try {
                input = serializer.deserialize(request.payload(), prototype);
            } catch (SerializationException e) {
                // feat_req_someip_371: the payload cannot be deserialized.
                return CompletableFuture.failedFuture(new MalformedPayloadException(rpc.name() + ": " + e.getMessage()));
            }
            return handler.apply(input).thenApply(output -> {
                if (rpc.kind() == RpcKind.FIRE_AND_FORGET) {
                    return Unpooled.EMPTY_BUFFER;
                }
                binding.requireType(rpc.output(), output, rpc.name());
                return serialize(output);
            });
        };
    }

    private ByteBuf serialize(Message message) {
        try {
            return serializer.serialize(message, ByteBufAllocator.DEFAULT);
        } catch (SerializationException e) {
            throw new SomeIpErrorException(ReturnCode.E_NOT_OK, "cannot serialize " + message.getDescriptorForType()
                    .getFullName() + ": " + e.getMessage());
        }
    }

    private Message prototype(FieldBinding field, Builder builder) {
        return builder.fieldPrototypes.getOrDefault(field.name(), DynamicMessage.getDefaultInstance(field.type()));
    }

    private static Integer[] eventgroups(RpcBinding rpc) {
        if (rpc.eventgroups().isEmpty()) {
            throw new IllegalArgumentException(rpc.rpc().getFullName() + " belongs to no eventgroup");
        }
        return rpc.eventgroups().toArray(Integer[]::new);
    }

    @Override
    public void close() {
        skeleton.close();
    }

    /** Collects handlers, field validators and initial values; unset fields start at their default value. */
    public static final class Builder {
        private final ServiceBinding binding;
        private final SomeIpSerializer serializer;
        private int instanceId;
        private final Map<String, Function<Message, CompletionStage<? extends Message>>> handlers = new HashMap<>();
        private final Map<String, Message> prototypes = new HashMap<>();
        private final Map<String, Function<Message, CompletionStage<? extends Message>>> setters = new HashMap<>();
        private final Map<String, Message> initialValues = new HashMap<>();
        private final Map<String, Message> fieldPrototypes = new HashMap<>();
        private Executor handlerExecutor = ProxyOptions.DIRECT;

        private Builder(ServiceBinding binding, SomeIpSerializer serializer) {
            this.binding = binding;
            this.serializer = serializer;
            this.instanceId = binding.instanceId();
        }

        public Builder instanceId(int value) {
            instanceId = value;
            return this;
        }

        /**
         * Runs handlers, setter validators and getters on {@code executor}, one request at a time
         * in arrival order, instead of on the Netty I/O thread that received the request (the
         * default, {@link ProxyOptions#DIRECT}). See {@link ServiceSkeleton.Builder#handlerExecutor}.
         */
        public Builder handlerExecutor(Executor executor) {
            handlerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Serves a method; requests are read into {@code requestPrototype}'s type (a generated class
         * or a DynamicMessage). The handler may fail with a SomeIpErrorException to answer an error.
         */
        public Builder handle(String rpcName, Message requestPrototype,
                              Function<Message, CompletionStage<? extends Message>> handler) {
            RpcBinding rpc = binding.rpc(rpcName);
            if (rpc.kind() != RpcKind.METHOD && rpc.kind() != RpcKind.FIRE_AND_FORGET) {
                throw new IllegalArgumentException(rpcName + " is a " + rpc.kind() + ", not a method");
            }
            binding.requireType(rpc.input(), requestPrototype, rpcName);
            handlers.put(rpcName, handler);
            prototypes.put(rpcName, requestPrototype);
            return this;
        }

        /**
         * Validates a field's setter calls: completes with the value to apply (maybe adjusted), or
         * fails with a SomeIpErrorException to refuse. Without one, every value is applied.
         */
        public Builder onSet(String fieldName, Message prototype,
                             Function<Message, CompletionStage<? extends Message>> validator) {
            fieldPrototype(fieldName, prototype);
            setters.put(fieldName, validator);
            return this;
        }

        public Builder initialValue(String fieldName, Message value) {
            fieldPrototype(fieldName, value.getDefaultInstanceForType());
            initialValues.put(fieldName, value);
            return this;
        }

        private void fieldPrototype(String fieldName, Message prototype) {
            FieldBinding field = binding.field(fieldName);
            binding.requireType(field.type(), prototype, fieldName);
            fieldPrototypes.put(fieldName, prototype.getDefaultInstanceForType());
        }

        public DescriptorSkeleton build(SomeIpNode node) {
            return new DescriptorSkeleton(this, node);
        }
    }
}
