package org.jretis.event.json;

import org.jretis.event.KernelSection;

/** The {@code kernel} section's JSON names: one spelling for every reader and writer. */
public final class KernelJson {
    public static final String SECTION = "kernel";
    static final String SYMBOL = "symbol";
    static final String PROBE_TYPE = "probe_type";
    static final String STACK_TRACE = "stack_trace";

    static final CoreSection<KernelSection> CODEC = new CoreSection<>(SECTION, e -> e.kernel, (e, s) -> e.kernel = s,
            EventEncoder::kernel, SectionDecoder::kernel, ProbeSectionScanner::kernel);

    private KernelJson() {}
}
