package org.jretis.profile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.io.PrintStream;
import org.jretis.log.Log;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Any profile text is read into profiles or refused with a {@link ProfileException}, never another exception. */
class ProfileParserFuzzTest {
    @BeforeAll
    static void quiet() {
        Log.setStream(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void restoreLog() {
        Log.setStream(System.err);
    }

    @FuzzTest(maxDuration = "10s")
    void readsOrRefusesAnyProfile(byte[] yaml) {
        try {
            ProfileParser.parse(new String(yaml, StandardCharsets.UTF_8), "fuzz.yaml");
        } catch (ProfileException e) {
            // the answer to a bad profile
        }
    }
}
