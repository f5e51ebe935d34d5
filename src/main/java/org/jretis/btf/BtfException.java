package org.jretis.btf;

/** BTF data that is missing, unreadable or lacks what was looked for. */
public class BtfException extends Exception {
    public BtfException(String message) {
        super(message);
    }
}
