package org.jretis.cli;

import java.util.Locale;
import org.jretis.log.Log;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --log-level} values in Retis' lowercase spelling. */
final class LogLevelConverter implements ITypeConverter<Log.Level> {
    @Override
    public Log.Level convert(String value) {
        try {
            return Log.Level.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("invalid log level '" + value
                    + "' (expected error, warn, info, debug or trace)");
        }
    }
}
