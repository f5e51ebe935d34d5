package org.jretis.event.json;

/**
 * The layout generation of an events file, from its startup event's {@code retis_version}: older
 * layouts get Retis' compatibility fixups on read.
 */
public enum FormatVersion {
    /** Retis 1.5.x: packet, dev and netns nested in {@code skb}; {@code ct.tcp_state}. */
    V1_5,
    /** Retis 1.6.x: {@code ct.tcp_state} instead of {@code proto_state}; lighter startup event. */
    V1_6,
    /** Retis 1.7.0 and later: the layout this project writes. */
    CURRENT;

    /**
     * Maps a Retis version string as Retis does: an optional leading {@code v}, then semver;
     * {@code -...} and {@code +...} suffixes are ignored.
     *
     * @throws IllegalArgumentException naming the version when it is not one we can read
     */
    public static FormatVersion of(String retisVersion) {
        String v = retisVersion.startsWith("v") ? retisVersion.substring(1) : retisVersion;
        int suffix = indexOfAny(v, '-', '+');
        String[] parts = (suffix < 0 ? v : v.substring(0, suffix)).split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Invalid Retis version '" + retisVersion + "'");
        }
        long major = number(parts[0], retisVersion);
        long minor = number(parts[1], retisVersion);
        number(parts[2], retisVersion);
        if (major == 1 && minor == 5) {
            return V1_5;
        }
        if (major == 1 && minor == 6) {
            return V1_6;
        }
        // Retis promises compatibility within a major version only: a 2.x layout may mean
        // something else under the same names, so it is refused rather than misread.
        if (major == 1 && minor >= 7) {
            return CURRENT;
        }
        throw new IllegalArgumentException("Unsupported Retis version " + retisVersion
                + " (files from Retis 1.5.0 to 1.x can be read)");
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private static long number(String part, String version) {
        if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                || (part.length() > 1 && part.charAt(0) == '0') || part.length() > 18) {
            throw new IllegalArgumentException("Invalid Retis version '" + version + "'");
        }
        return Long.parseLong(part);
    }
}
