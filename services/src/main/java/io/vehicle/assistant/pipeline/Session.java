package io.vehicle.assistant.pipeline;

import io.vehicle.assistant.intent.Conversation;
import io.vehicle.assistant.intent.Language;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One driver's conversation with the node: the engine's {@link Conversation} (so "a bit warmer" follows "set it
 * to 22"), the questions waiting for an answer, and the language last spoken. Requests of one session run one
 * at a time ({@link #lock}), so a follow-up never reads a half-finished turn.
 */
final class Session {

    final String id;
    final Conversation conversation = new Conversation();
    final Map<String, HeldConfirmation> questions = new ConcurrentHashMap<>();
    final ReentrantLock lock = new ReentrantLock();
    volatile Language language = Language.EN;
    volatile long lastUsedNanos;

    Session(String id, long now) {
        this.id = id;
        this.lastUsedNanos = now;
    }
}
