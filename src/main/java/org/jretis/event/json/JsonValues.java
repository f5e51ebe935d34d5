package org.jretis.event.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Typed reads of the current JSON value for the section decoders. A value of the wrong type or
 * range is a {@link MalformedEventException} naming the field; an unexpected or missing field is
 * a {@link SectionShapeException}, which makes the decoder keep the section raw.
 */
final class JsonValues {
    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

    private JsonValues() {}

    /** Checks the current token opens an object; returns the parser for the section reader. */
    static JsonParser object(JsonParser p, String path) throws MalformedEventException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw wrongType(p, path, "an object");
        }
        return p;
    }

    /**
     * Moves to the next field of the current object and onto its value; null at the object's end.
     * Fields whose value is JSON null are skipped: Retis omits absent fields, null means the same.
     */
    static String nextField(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NULL) {
                return name;
            }
        }
        return null;
    }

    static long u64(JsonParser p, String path) throws IOException, MalformedEventException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(p, path, "an unsigned integer");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger big = p.getBigIntegerValue();
            if (big.signum() < 0 || big.compareTo(TWO_POW_64) >= 0) {
                throw outOfRange(path, p.getText());
            }
            return big.longValue();
        }
        long value = p.getLongValue();
        if (value < 0) {
            throw outOfRange(path, p.getText());
        }
        return value;
    }

    /** An unsigned value of at most {@code bits} bits (below 64). */
    static long unsigned(JsonParser p, String path, int bits) throws IOException, MalformedEventException {
        long value = u64(p, path);
        if (value >>> bits != 0) {
            throw outOfRange(path, p.getText());
        }
        return value;
    }

    /** A u32 kept in an int (read back with {@link Integer#toUnsignedLong(int)}). */
    static int u32(JsonParser p, String path) throws IOException, MalformedEventException {
        return (int) unsigned(p, path, 32);
    }

    static int i32(JsonParser p, String path) throws IOException, MalformedEventException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(p, path, "an integer");
        }
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw outOfRange(path, p.getText());
        }
        return p.getIntValue();
    }

    static long i64(JsonParser p, String path) throws IOException, MalformedEventException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(p, path, "an integer");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw outOfRange(path, p.getText());
        }
        return p.getLongValue();
    }

    static String string(JsonParser p, String path) throws IOException, MalformedEventException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw wrongType(p, path, "a string");
        }
        return p.getText();
    }

    static boolean bool(JsonParser p, String path) throws MalformedEventException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw wrongType(p, path, "a boolean");
        }
        return t == JsonToken.VALUE_TRUE;
    }

    /** A required field that was absent: the section is not in the shape we model. */
    static <T> T required(T value, String section) throws SectionShapeException {
        if (value == null) {
            throw new SectionShapeException(section);
        }
        return value;
    }

    private static MalformedEventException wrongType(JsonParser p, String path, String expected) {
        return new MalformedEventException(path + ": expected " + expected + ", found " + describe(p.currentToken()));
    }

    private static MalformedEventException outOfRange(String path, String text) {
        return new MalformedEventException(path + ": value " + text + " out of range");
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(token);
        };
    }
}
