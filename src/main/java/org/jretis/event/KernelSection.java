package org.jretis.event;

import java.util.List;

/**
 * {@code kernel}: which kernel probe fired.
 *
 * @param symbol     {@code group:name} for tracepoints, the function name for k(ret)probes
 * @param probeType  {@code raw_tracepoint}, {@code kprobe} or {@code kretprobe}
 * @param stackTrace symbolised frames, or null
 */
public record KernelSection(String symbol, String probeType, List<String> stackTrace) {}
