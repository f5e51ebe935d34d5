package org.jretis;

/** What this build of jretis is. */
public final class BuildInfo {
    /** The project version from the jar manifest, or "dev" when run from classes. */
    public static final String VERSION = version();

    private BuildInfo() {}

    private static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
