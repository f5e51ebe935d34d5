package org.jretis.cli;

import org.jretis.text.EventFormatter;
import org.jretis.text.TextFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How events are printed: shared by collect, print and sort. */
final class TextOptions {

    @Option(names = "--format", paramLabel = "<FORMAT>", defaultValue = "multi-line",
            converter = FormatConverter.class,
            description = "single-line or multi-line (default: ${DEFAULT-VALUE}).")
    EventFormatter.Format format = EventFormatter.Format.MULTI_LINE;

    @Option(names = "--utc", description = "Print timestamps as UTC dates.")
    boolean utc;

    @Option(names = "-e", description = "Print link-layer information.")
    boolean linkLayer;

    TextFormat format() {
        return new TextFormat(format, utc, linkLayer);
    }

    static final class FormatConverter implements ITypeConverter<EventFormatter.Format> {
        @Override
        public EventFormatter.Format convert(String value) {
            try {
                return EventFormatter.Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
