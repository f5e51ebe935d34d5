package org.jretis.sink;

import java.io.IOException;

/**
 * Whether a failed write means the reader of our output went away ({@code retis print | head},
 * a pager or a pcap reader that quit): output then ends silently, it is not an error.
 */
public final class ReaderGone {

    private ReaderGone() {}

    public static boolean causes(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            // "Stream closed": the pipe to a pager process that exited.
            if (message != null && (message.contains("Broken pipe") || message.contains("Stream closed"))) {
                return true;
            }
        }
        return false;
    }
}
