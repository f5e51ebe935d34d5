package org.jretis.cli;

import java.util.concurrent.Callable;
import org.jretis.event.EventSchema;
import picocli.CommandLine.Command;

/** {@code retis schema}: the JSON-Schema of events. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the JSON-Schema of events.")
public final class SchemaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println(EventSchema.text().strip());
        return 0;
    }
}
