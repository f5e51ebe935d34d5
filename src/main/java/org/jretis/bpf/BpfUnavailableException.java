package org.jretis.bpf;

/**
 * BPF cannot be used from this JVM at all: libbpf is not installed, a function it should export
 * is missing, or native access is not enabled.
 */
public final class BpfUnavailableException extends BpfException {
    public BpfUnavailableException(String message) {
        super(message);
    }
}
