package io.vehicle.someip.sdk.node;

import io.vehicle.someip.runtime.EndpointOptions;
import io.vehicle.someip.runtime.SomeIpRuntime;
import io.vehicle.someip.sdk.service.ProxyOptions;
import java.util.Objects;

/**
 * What a node is given in code rather than in its {@link NodeConfig} file: objects (a runtime, an
 * executor) and endpoint tuning.
 *
 * @param runtime   event loops to share with other nodes of the process; the node does not close
 *                  it. Null: the node creates its own and closes it with itself
 * @param endpoints settings of the node's servers and its proxies' clients, with the counter of what
 *                  they refuse. Null: those of the node's file ({@link NodeConfig#endpointOptions()}),
 *                  whose bounds hold against a hostile peer (docs/security.md)
 * @param proxies   defaults of every proxy of the node; a null callback executor means one callback
 *                  thread owned by the node, a null subscription timeout
 *                  {@link ProxyOptions#DEFAULT_SUBSCRIPTION_TIMEOUT}
 */
public record NodeOptions(SomeIpRuntime runtime, EndpointOptions endpoints, ProxyOptions proxies) {

    public NodeOptions {
        Objects.requireNonNull(proxies, "proxies");
    }

    public static NodeOptions defaults() {
        return new NodeOptions(null, null, ProxyOptions.defaults());
    }

    /** Runs the node on a runtime shared with other nodes; closing the node leaves it running. */
    public NodeOptions withRuntime(SomeIpRuntime shared) {
        return new NodeOptions(shared, endpoints, proxies);
    }

    public NodeOptions withEndpoints(EndpointOptions value) {
        return new NodeOptions(runtime, value, proxies);
    }

    public NodeOptions withProxies(ProxyOptions value) {
        return new NodeOptions(runtime, endpoints, value);
    }
}
