package org.jretis.event.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Scans a section kept raw ({@code ct}, {@code ovs}...) into the tree Jackson's reader would build
 * (same node types), so such lines need not go through Jackson. Gives up on floats, whose exact
 * decimals are left to Jackson, and on duplicate keys.
 */
final class RawTreeScanner {
    private static final JsonNodeFactory NODES = EventJson.mapper().getNodeFactory();
    /** Bounds the recursion; deeper values are left to Jackson. */
    private static final int MAX_DEPTH = 64;

    private RawTreeScanner() {}

    static JsonNode tree(ByteCursor in) throws Unscannable {
        return node(in, 0);
    }

    private static JsonNode node(ByteCursor in, int depth) throws Unscannable {
        if (depth > MAX_DEPTH) {
            throw Unscannable.LINE;
        }
        switch (in.peek()) {
            case '{' -> {
                in.skipPeeked();
                return object(in, depth);
            }
            case '[' -> {
                in.skipPeeked();
                return array(in, depth);
            }
            case '"' -> {
                return NODES.textNode(in.text());
            }
            case 't', 'f' -> {
                return NODES.booleanNode(in.bool() == 1);
            }
            case 'n' -> {
                if (!in.matches("null")) {
                    throw Unscannable.LINE;
                }
                return NODES.nullNode();
            }
            default -> {
                return integer(in);
            }
        }
    }

    /** After the opening brace. */
    private static ObjectNode object(ByteCursor in, int depth) throws Unscannable {
        ObjectNode object = NODES.objectNode();
        if (!in.peekIs('}')) {
            do {
                String key = in.text();
                in.expect(':');
                if (object.replace(key, node(in, depth + 1)) != null) {
                    throw Unscannable.LINE;
                }
            } while (in.comma());
        }
        in.expect('}');
        return object;
    }

    /** After the opening bracket. */
    private static ArrayNode array(ByteCursor in, int depth) throws Unscannable {
        ArrayNode array = NODES.arrayNode();
        if (!in.peekIs(']')) {
            do {
                array.add(node(in, depth + 1));
            } while (in.comma());
        }
        in.expect(']');
        return array;
    }

    /** An integer node: int if it fits, else long; bigger ones are left to Jackson. */
    private static JsonNode integer(ByteCursor in) throws Unscannable {
        boolean negative = in.minus();
        long value = in.u64();
        if (value < 0 || (negative && value == 0)) {
            throw Unscannable.LINE;
        }
        long signed = negative ? -value : value;
        return signed == (int) signed ? NODES.numberNode((int) signed) : NODES.numberNode(signed);
    }
}
