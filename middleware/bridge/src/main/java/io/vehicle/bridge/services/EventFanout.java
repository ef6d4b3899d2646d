package io.vehicle.bridge.services;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.signal.SignalClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One SOME/IP subscription per event (or field notifier) for all gRPC streams of it: made when the first
 * stream opens and kept (the SDK follows the ECU across restarts), each message handed to every open
 * stream. A stream unregisters when it ends.
 */
final class EventFanout {

    private final SignalClient client;
    private final Map<List<Object>, List<Consumer<Message>>> listeners = new ConcurrentHashMap<>();

    EventFanout(SignalClient client) {
        this.client = client;
    }

    /** Registers a listener; the returned action removes it. */
    Runnable listen(ServiceBinding service, RpcBinding rpc, Consumer<Message> listener) {
        List<Consumer<Message>> list = listeners.computeIfAbsent(List.of(service.serviceId(), rpc.name()), key -> {
            List<Consumer<Message>> created = new CopyOnWriteArrayList<>();
            client.proxy(service).subscribe(rpc.name(), DynamicMessage.getDefaultInstance(rpc.output()),
                    message -> created.forEach(l -> l.accept(message)));
            return created;
        });
        list.add(listener);
        return () -> list.remove(listener);
    }
}
