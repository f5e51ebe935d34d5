package org.jretis.text;

import org.jretis.collector.TextOut;

/**
 * Lays an event's parts out in the caller's builder: in multi-line format each part starts a new
 * line at its indentation, in single-line format it follows the previous one after a space. A part
 * that writes nothing leaves no trace.
 */
final class Lines implements TextOut {
    /** {@code "\n"} followed by as many spaces as the index. */
    private static final String[] NEW_LINES = new String[16];

    static {
        for (int i = 0; i < NEW_LINES.length; i++) {
            NEW_LINES[i] = "\n" + " ".repeat(i);
        }
    }

    private final StringBuilder out;
    private final boolean multiLine;
    private final int start;
    private int partStart;
    private int contentStart;
    private int indent;

    Lines(StringBuilder out, boolean multiLine) {
        this.out = out;
        this.multiLine = multiLine;
        this.start = out.length();
    }

    /** Begins a part: a new line at {@code indent}, or a space in single-line format. */
    StringBuilder open(int indent) {
        partStart = out.length();
        if (wroteAnything()) {
            if (multiLine) {
                newLine(indent);
            } else {
                out.append(' ');
            }
        }
        contentStart = out.length();
        this.indent = indent;
        return out;
    }

    /** Ends the part, taking back its separator if it wrote nothing. */
    void close() {
        if (out.length() == contentStart) {
            out.setLength(partStart);
        }
    }

    /** Separates a token from the previous one of the same part. */
    StringBuilder token() {
        if (out.length() > contentStart) {
            out.append(' ');
        }
        return out;
    }

    /** Breaks the part's line: a new line {@code extraIndent} deeper, or a space in single-line format. */
    @Override
    public StringBuilder breakLine(int extraIndent) {
        if (multiLine) {
            newLine(indent + extraIndent);
        } else {
            out.append(' ');
        }
        return out;
    }

    /** A line break and {@code indent} spaces: one copy for the usual depths. */
    private void newLine(int indent) {
        if (indent < NEW_LINES.length) {
            out.append(NEW_LINES[indent]);
        } else {
            out.append('\n').repeat(' ', indent);
        }
    }

    @Override
    public StringBuilder out() {
        return out;
    }

    boolean multiLine() {
        return multiLine;
    }

    boolean wroteAnything() {
        return out.length() > start;
    }
}
