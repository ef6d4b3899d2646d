package io.vehicle.assistant.intent;

import io.vehicle.assistant.intent.offline.OfflineIntentEngine;

/**
 * One offline engine per test JVM: loading both embedding models costs about 2 s and 300 MB of native memory, so
 * every test class shares this instance (the engine is stateless between calls).
 */
public final class SharedOfflineEngine {

    private SharedOfflineEngine() {
    }

    private static final class Holder {
        static final OfflineIntentEngine ENGINE = OfflineIntentEngine.load();
    }

    public static OfflineIntentEngine get() {
        return Holder.ENGINE;
    }
}
