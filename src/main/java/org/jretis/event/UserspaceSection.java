package org.jretis.event;

/** {@code userspace}: a USDT probe in a user process (read from Retis files only). */
public record UserspaceSection(String probeType, String symbol, long ip, String path, int pid, int tid) {}
