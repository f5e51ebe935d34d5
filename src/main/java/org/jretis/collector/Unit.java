package org.jretis.collector;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jretis.btf.Btf;
import org.jretis.collect.CollectException;
import org.jretis.collect.CollectOptions;
import org.jretis.collect.Collectors;
import org.jretis.probe.UnitProgram;

/**
 * A collector with everything it owns: its BPF part (a header under src/main/bpf), its record
 * part's layout, its section's JSON (names read and written in one class), its text, its schema
 * fragment and its tests. Registered once, in {@link Units}. In memory a unit's section is its
 * JSON tree, kept in {@code Event.others} under {@link #section()}, so readers, writers and the
 * python bridge carry it unchanged; the unit makes that tree from a record and reads it for text.
 */
public interface Unit {
    /** The event section it fills (its JSON key). */
    String section();

    /** Its name for {@code -c}. */
    String collector();

    /** Why it cannot run on this machine, or null when it can. */
    String cannotRun();

    /** Whether {@code auto} runs it where it can run. */
    default boolean joinsAuto() {
        return true;
    }

    /** The SEC_* bit (event.h) that makes a probe write its part. */
    int probeBit();

    /** The EV_HAS_* bit (event.h) of a record that carries its part. */
    int recordFlag();

    /** Functions it probes itself, whatever probes were asked for (Retis' collector probes). */
    default List<String> functions() {
        return List.of();
    }

    /**
     * Its own program at {@code function}, given the function's parameter types, for a
     * collection with these options; null where the generic probe program runs.
     */
    default UnitProgram program(String function, List<String> params, CollectOptions options) {
        return null;
    }

    /**
     * The probes to attach instead of those asked for ({@code -p}, a profile), where it replaces
     * some it cannot run here; by default those asked for.
     */
    default List<String> probes(List<String> asked) {
        return asked;
    }

    /**
     * The collectors whose events its own are joined to, when its events come from a source of
     * its own ({@link #events}) rather than from its probes: the collection runs them, on the
     * default probes when none is asked for. Empty when its probes write its section.
     */
    default Set<Collectors.Name> joinedTo() {
        return Set.of();
    }

    /**
     * Starts its source of events outside the ring, if it has one (else null), before the probes
     * are attached.
     *
     * @param netns {@code --netns}'s inode number, or null
     */
    default EventSource events(CollectOptions options, Long netns) throws IOException {
        return null;
    }

    /**
     * Readies the system for a collection (what {@code --allow-system-changes} permits); the
     * returned action undoes it at the end.
     */
    default Runnable start(CollectOptions options) throws CollectException {
        return () -> {};
    }

    /** Its record decoder, with the names it reads from the kernel's BTF. */
    RecordPart recordPart(Btf kernel);

    /** Its section as read from a file of an older layout (before 1.7), in the current layout. */
    JsonNode upgrade(JsonNode section);

    /** Appends its section's text. */
    void appendText(JsonNode section, TextOut out);

    /**
     * Its schema fragment, a resource beside the unit: {@code {"property": <schema of the
     * section>, "$defs": {...}}}, merged into the event schema.
     */
    String schemaResource();
}
