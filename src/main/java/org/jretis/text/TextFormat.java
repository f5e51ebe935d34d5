package org.jretis.text;

/**
 * How events are rendered as text, as chosen on the command line.
 *
 * @param format    {@code --format}
 * @param utc       timestamps as UTC dates ({@code --utc})
 * @param linkLayer link-layer details ({@code -e})
 */
public record TextFormat(EventFormatter.Format format, boolean utc, boolean linkLayer) {

    public EventFormatter newFormatter() {
        return new EventFormatter(format, utc, linkLayer);
    }

    public boolean multiLine() {
        return format == EventFormatter.Format.MULTI_LINE;
    }
}
