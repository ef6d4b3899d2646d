package io.vehicle.someip.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.vehicle.someip.wire.MessageType;
import io.vehicle.someip.wire.ReturnCode;
import io.vehicle.someip.wire.SomeIpMessage;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an incoming request in the order of feat_req_someip_721 / feat_req_someip_718 and calls
 * its handler: protocol version, service id, interface version, method id, message type, then the
 * handler (whose payload errors become E_MALFORMED_MESSAGE). An error is answered only for a
 * REQUEST (feat_req_someip_654, feat_req_someip_655: never for fire and forget or notifications)
 * and never for a message that already carries an error (feat_req_someip_704).
 */
public final class RequestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Map<Integer, ServiceDefinition> services = new ConcurrentHashMap<>();
    private final LongAdder errorsAnswered = new LongAdder();
    private final LongAdder silentlyDropped = new LongAdder();
    private final boolean answerUnknownIds;

    /**
     * @param answerUnknownIds whether to answer E_UNKNOWN_SERVICE and E_UNKNOWN_METHOD, which the
     *                         spec makes optional (feat_req_someip_816, feat_req_someip_598)
     */
    public RequestDispatcher(boolean answerUnknownIds) {
        this.answerUnknownIds = answerUnknownIds;
    }

    public void register(ServiceDefinition service) {
        if (services.putIfAbsent(service.serviceId(), service) != null) {
            // feat_req_someip_445: one instance of a service per endpoint.
            throw new IllegalArgumentException(String.format("service 0x%04X already served on this endpoint",
                    service.serviceId()));
        }
    }

    public void unregister(int serviceId) {
        services.remove(serviceId);
    }

    public boolean serves(int serviceId) {
        return services.containsKey(serviceId);
    }

    public long errorsAnswered() {
        return errorsAnswered.sum();
    }

    public long silentlyDropped() {
        return silentlyDropped.sum();
    }

    /** Handles one request-type message; takes ownership of it. */
    public void dispatch(SomeIpMessage request, Replier replier) {
        try {
            MessageType type = request.messageType();
            if (!type.isRequest() || type.isTp()) {
                // feat_req_someiptp_764: a TP segment is a piece of a message, behind a TP header; only the
                // reassembled whole may reach a method (and a TP_REQUEST must never hit fire and forget).
                silentlyDropped.increment();
                return;
            }
            boolean answerable = type == MessageType.REQUEST && request.returnCode() == ReturnCode.E_OK.value();
            if (request.protocolVersion() != SomeIpMessage.PROTOCOL_VERSION) {
                fail(request, replier, answerable, ReturnCode.E_WRONG_PROTOCOL_VERSION);
                return;
            }
            ServiceDefinition service = services.get(request.serviceId());
            if (service == null) {
                fail(request, replier, answerable && answerUnknownIds, ReturnCode.E_UNKNOWN_SERVICE);
                return;
            }
            if (request.interfaceVersion() != service.majorVersion()) {
                fail(request, replier, answerable, ReturnCode.E_WRONG_INTERFACE_VERSION);
                return;
            }
            ServiceDefinition.Method method = service.method(request.methodId());
            if (method == null) {
                fail(request, replier, answerable && answerUnknownIds, ReturnCode.E_UNKNOWN_METHOD);
                return;
            }
            MethodKind expected = type == MessageType.REQUEST ? MethodKind.REQUEST_RESPONSE : MethodKind.FIRE_AND_FORGET;
            if (method.kind() != expected) {
                fail(request, replier, answerable, ReturnCode.E_WRONG_MESSAGE_TYPE);
                return;
            }
            invoke(method, request, replier, answerable);
        } finally {
            request.release();
        }
    }

    private void invoke(ServiceDefinition.Method method, SomeIpMessage request, Replier replier, boolean answerable) {
        CompletionStage<ByteBuf> result;
        try {
            result = method.handler().handle(request);
        } catch (RuntimeException e) {
            answerFailure(request, replier, answerable, e);
            return;
        }
        if (!answerable) {
            // Fire and forget: nothing to send; free whatever the handler produced.
            result.whenComplete((payload, error) -> ReferenceCountUtil.release(payload));
            return;
        }
        // Keep only the header for the answer; the payload is released when dispatch returns.
        SomeIpMessage header = request.withPayload(request.messageType(), Unpooled.EMPTY_BUFFER);
        result.whenComplete((payload, error) -> {
            if (error == null) {
                replier.reply(header.reply(MessageType.RESPONSE, ReturnCode.E_OK.value(), payload));
            } else {
                answerFailure(header, replier, true, error);
            }
        });
    }

    private void answerFailure(SomeIpMessage request, Replier replier, boolean answerable, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        int code;
        if (cause instanceof SomeIpErrorException someIpError) {
            code = someIpError.returnCode();
        } else {
            LOG.warn("Handler of service 0x{} method 0x{} failed", Integer.toHexString(request.serviceId()),
                    Integer.toHexString(request.methodId()), cause);
            code = ReturnCode.E_NOT_OK.value();
        }
        if (answerable) {
            errorsAnswered.increment();
            replier.reply(request.reply(MessageType.ERROR, code, Unpooled.EMPTY_BUFFER));
        }
    }

    private void fail(SomeIpMessage request, Replier replier, boolean answer, ReturnCode code) {
        if (answer) {
            errorsAnswered.increment();
            replier.reply(request.errorReply(code));
        } else {
            silentlyDropped.increment();
        }
    }
}
