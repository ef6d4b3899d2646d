package io.vehicle.assistant.llm;

/**
 * The model gave no usable answer: unreachable, an HTTP error, too slow, a response that is not the
 * chat-completions format, or an answer the node refuses as a whole. The offline engine answers instead, and
 * this message is the fallback reason the driver's client sees.
 */
public final class ModelFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public ModelFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ModelFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Worth another attempt: the connection failed, or the server said 429 or 5xx. */
    public boolean retryable() {
        return retryable;
    }
}
