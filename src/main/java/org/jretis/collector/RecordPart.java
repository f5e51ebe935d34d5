package org.jretis.collector;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.foreign.MemorySegment;

/**
 * A collector's part of a ring record: the bytes its BPF code writes after the packet bytes
 * when the record carries its flag. Made once per collection, with what the kernel names.
 */
public interface RecordPart {
    /** Bytes of the part in a record (its C struct's size). */
    int size();

    /** The section of the part at {@code at}, as its JSON tree. */
    JsonNode decode(MemorySegment record, long at);
}
