package org.jretis.cli;

import org.jretis.BuildInfo;
import org.jretis.event.json.EventWriter;
import picocli.CommandLine.IVersionProvider;

/** {@code retis --version}, in Retis' form: {@code retis <version> ("<name>")}. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"retis " + EventWriter.retisVersion(BuildInfo.VERSION) + " (\"jretis\")"};
    }
}
