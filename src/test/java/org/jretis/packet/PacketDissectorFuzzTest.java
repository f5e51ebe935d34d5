package org.jretis.packet;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes, any captured length, with or without the link layer: a description, never an exception. */
class PacketDissectorFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void describesAnyFrame(FuzzedDataProvider data) {
        boolean linkLayer = data.consumeBoolean();
        int captureLen = data.consumeInt(-4, 70_000);
        PacketDissector.describe(data.consumeRemainingAsBytes(), captureLen, linkLayer);
    }
}
