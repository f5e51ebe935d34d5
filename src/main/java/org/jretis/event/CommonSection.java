package org.jretis.event;

/**
 * {@code common}: CLOCK_MONOTONIC timestamp in ns, CPU and task. Startup events carry only the
 * timestamp.
 *
 * @param smpId CPU, or null
 * @param task  task, or null
 */
public record CommonSection(long timestamp, Integer smpId, Task task) {

    /**
     * The task that ran when the probe fired. Retis' names are odd and kept: {@code pid} is the
     * process id (kernel tgid) and {@code tgid} the thread id (kernel pid).
     */
    public record Task(int pid, int tgid, String comm) {}
}
