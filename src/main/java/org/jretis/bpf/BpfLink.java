package org.jretis.bpf;

import java.lang.foreign.MemorySegment;

/** An attached program; closing it detaches the program. */
public final class BpfLink implements AutoCloseable {
    private final BpfObject owner;
    private final String program;
    private MemorySegment link;

    BpfLink(BpfObject owner, String program, MemorySegment link) {
        this.owner = owner;
        this.program = program;
        this.link = link;
    }

    /** The name of the attached program. */
    public String program() {
        return program;
    }

    /** Detaches; a second call does nothing. */
    @Override
    public void close() {
        if (link == null) {
            return;
        }
        try {
            int unused = (int) Native.Links.LINK_DESTROY.invokeExact(link);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        } finally {
            link = null;
            owner.unlinked(this);
        }
    }
}
