package org.jretis.event.json;

import org.jretis.event.CommonSection;

/** The {@code common} section's JSON names (Retis' events.rs): one spelling for every reader and writer. */
public final class CommonJson {
    public static final String SECTION = "common";
    static final String TIMESTAMP = "timestamp";
    static final String SMP_ID = "smp_id";
    static final String TASK = "task";
    static final String TASK_PID = "pid";
    static final String TASK_TGID = "tgid";
    static final String TASK_COMM = "comm";

    static final CoreSection<CommonSection> CODEC = new CoreSection<>(SECTION, e -> e.common, (e, s) -> e.common = s,
            EventEncoder::common, SectionDecoder::common, ProbeSectionScanner::common);

    private CommonJson() {}
}
