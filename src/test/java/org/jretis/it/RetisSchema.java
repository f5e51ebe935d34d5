package org.jretis.it;

import java.nio.file.Path;
import org.jretis.event.json.Fixtures;

/**
 * Validates events files against Retis 1.7's JSON-Schema
 * ({@code retis-1.7-schema.json} of {@link Fixtures}), with its one known error
 * fixed: {@code packet.data} is a base64 string, not an array. Uses Python's jsonschema (Debian
 * python3-jsonschema, which ./run-tests installs), a validator independent of our own codec.
 */
final class RetisSchema {
    static final Path SCHEMA = Fixtures.file("retis-1.7-schema.json");
    private static final String VALIDATE = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            schema["$defs"]["RawPacket"] = {"type": "string", "contentEncoding": "base64"}
            validator = jsonschema.Draft202012Validator(schema)
            errors = 0
            for n, line in enumerate(open(sys.argv[2]), 1):
                for error in validator.iter_errors(json.loads(line)):
                    print(f"line {n}: {error.json_path}: {error.message}")
                    errors += 1
            sys.exit(1 if errors else 0)
            """;

    private RetisSchema() {}

    /** Throws with every violation when a line of the events file does not validate. */
    static void assertValid(Path eventsFile) {
        if (Commands.runQuietly("/usr/bin/python3", "-c", "import jsonschema").status() != 0) {
            Commands.run("sh", "-c", "apt-get install -y -q python3-jsonschema"
                    + " || (apt-get update -q && apt-get install -y -q python3-jsonschema)");
        }
        Commands.Result result = Commands.runQuietly("/usr/bin/python3", "-c", VALIDATE, SCHEMA.toString(), eventsFile.toString());
        if (result.status() != 0) {
            throw new AssertionError(eventsFile + " does not validate against " + SCHEMA + ":\n" + result.output());
        }
    }
}
