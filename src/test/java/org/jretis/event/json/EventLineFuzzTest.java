package org.jretis.event.json;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Event lines as an attacker or a broken disk would write them: the byte scanner and the general
 * (Jackson) decoder must agree on what they accept and how they read it (see {@link
 * DecoderAgreement}), and neither may fail other than by giving up or by a
 * {@link MalformedEventException}. Seeds: EventLineFuzzTestInputs/ beside this class's resources.
 */
class EventLineFuzzTest {
    private final DecoderAgreement agreement = new DecoderAgreement();

    @FuzzTest(maxDuration = "10s")
    void scannerAndJacksonAgree(byte[] line) {
        agreement.check(line);
    }
}
