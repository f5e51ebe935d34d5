package org.jretis.collector;

/** Where a unit writes its section's text: the current line, and breaks of it. */
public interface TextOut {
    /** The text so far; the section appends to it. */
    StringBuilder out();

    /** Breaks the section's line: a new line {@code extraIndent} deeper, or a space in single-line format. */
    StringBuilder breakLine(int extraIndent);
}
