package org.jretis.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Named network namespaces of the kernel tests and the veth pairs between them. */
final class Namespaces {
    private Namespaces() {}

    /** Joins two namespaces with a veth pair, addressed /24 and up. */
    static void link(String ns1, String veth1, String ip1, String ns2, String veth2, String ip2) {
        Commands.run("ip", "link", "add", veth1, "netns", ns1, "type", "veth", "peer", "name", veth2, "netns", ns2);
        Commands.run("ip", "-n", ns1, "addr", "add", ip1 + "/24", "dev", veth1);
        Commands.run("ip", "-n", ns2, "addr", "add", ip2 + "/24", "dev", veth2);
        Commands.run("ip", "-n", ns1, "link", "set", veth1, "up");
        Commands.run("ip", "-n", ns2, "link", "set", veth2, "up");
    }

    /** Deletes those of the namespaces that exist, and with them their veths and qdiscs. */
    static void deleteAll(List<String> names) {
        for (String ns : names) {
            if (Files.exists(Path.of("/run/netns", ns))) {
                Commands.runQuietly("ip", "netns", "del", ns);
            }
        }
    }
}
