package org.jretis.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code retis collect -f/-m} on real traffic between two namespaces joined by a veth pair (and
 * an ipip tunnel over it, whose device has no link-layer header), run through the launcher;
 * the traffic runs as {@code --cmd}, so collection stops when it is done.
 */
class FilterIT {
    private static final Path RETIS = Path.of(System.getProperty("user.dir"), "retis");
    private static final Pattern TRACKING_ID = Pattern.compile("#([0-9a-f]+) ");
    private final String suffix = Long.toString(ProcessHandle.current().pid(), 36) + Long.toString(System.nanoTime() % 100000, 36);
    private final String nsA = "jfa" + suffix;
    private final String nsB = "jfb" + suffix;
    private final String vethA = "jfva" + suffix;
    private final String vethB = "jfvb" + suffix;
    private final String tunA = "jfta" + suffix;

    record Run(int status, List<String> out, String err) {}

    @BeforeEach
    void network() throws Exception {
        assumeTrue("0".equals(sh("id -u").strip()), "kernel test: needs root");
        sh("ip netns add " + nsA + " && ip netns add " + nsB
                + " && ip link add " + vethA + " netns " + nsA + " type veth peer name " + vethB + " netns " + nsB
                + " && ip -n " + nsA + " addr add 10.201.0.1/24 dev " + vethA
                + " && ip -n " + nsB + " addr add 10.201.0.2/24 dev " + vethB
                + " && ip -n " + nsA + " link set " + vethA + " up && ip -n " + nsB + " link set " + vethB + " up"
                + " && ip -n " + nsA + " link set lo up && ip -n " + nsB + " link set lo up");
    }

    @AfterEach
    void cleanUp() throws Exception {
        sh("ip netns del " + nsA + " 2>/dev/null; ip netns del " + nsB + " 2>/dev/null; true");
    }

    @Test
    void icmpFilterShowsOnlyIcmp() throws Exception {
        Run run = collect(List.of("-f", "icmp"), ping() + "; " + udp(9999));
        List<String> ours = ours(run);
        assertThat(ours).hasSizeGreaterThanOrEqualTo(8).allMatch(l -> l.contains("proto ICMP (1)"));
    }

    @Test
    void udpPortFilter() throws Exception {
        Run run = collect(List.of("-f", "udp port 9999"), ping() + "; " + udp(9998) + "; " + udp(9999));
        List<String> ours = ours(run);
        assertThat(ours).isNotEmpty().allMatch(l -> l.contains(".9999 ") || l.contains("> 10.201.0.2.9999"));
        assertThat(ours).noneMatch(l -> l.contains("9998") || l.contains("ICMP (1) type 8"));
    }

    @Test
    void hostFilter() throws Exception {
        sh("ip -n " + nsB + " addr add 10.201.0.3/24 dev " + vethB);
        Run run = collect(List.of("-f", "host 10.201.0.3"), ping() + "; ip netns exec " + nsA + " ping -c 2 -i 0.2 10.201.0.3");
        List<String> ours = ours(run);
        assertThat(ours).hasSizeGreaterThanOrEqualTo(4).allMatch(l -> l.contains("10.201.0.3"));
    }

    @Test
    void arpFilter() throws Exception {
        Run run = collect(List.of("-f", "arp"), ping());
        List<String> ours = ours(run);
        assertThat(ours).isNotEmpty().allMatch(l -> (l.contains("who-has") || l.contains("is-at")) && !l.contains("ICMP"));
    }

    @Test
    void ipFilterMatchesOnADeviceWithoutLinkLayer() throws Exception {
        // A tun device sends bare IP packets; a process must hold it open for it to carry them.
        String attach = "import fcntl, os, struct, time; f = os.open('/dev/net/tun', os.O_RDWR); "
                + "fcntl.ioctl(f, 0x400454ca, struct.pack('16sH', b'" + tunA + "', 0x1001)); time.sleep(8)";
        sh("ip -n " + nsA + " tuntap add dev " + tunA + " mode tun");
        String traffic = "(ip netns exec " + nsA + " python3 -c \"" + attach + "\" &) ; sleep 1"
                + "; ip -n " + nsA + " addr add 10.203.0.1/24 dev " + tunA + "; ip -n " + nsA + " link set " + tunA + " up"
                + "; ip netns exec " + nsA + " ping -c 3 -i 0.2 -W 1 10.203.0.2 >/dev/null || true";
        Run run = collect(List.of("-f", "icmp and host 10.203.0.2"), traffic);
        assertThat(run.err()).contains("L2+L3 packet filter(s) loaded");
        assertThat(run.out()).filteredOn(l -> l.contains("(" + tunA + ")")).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(l -> l.contains("10.203.0.1 > 10.203.0.2") && l.contains("ICMP"));
    }

    @Test
    void metaFilterOnDeviceNameKeepsThatDeviceAndPacketsTrackedFromIt() throws Exception {
        Run run = collect(List.of("-m", "sk_buff.dev.name == '" + vethB + "'"), ping());
        assertOnlyThereOrTracked(ours(run), "(" + vethB + ")");
    }

    @Test
    void metaFilterOnNamespaceInode() throws Exception {
        long inum = (Long) Files.getAttribute(Path.of("/run/netns", nsB), "unix:ino");
        Run run = collect(List.of("-m", "sk_buff.dev.nd_net.net.ns.inum == " + inum), ping());
        assertOnlyThereOrTracked(ours(run), "/" + inum + " ");
    }

    @Test
    void filteredOutPacketsReserveNoRecord() throws Exception {
        Run run = collect(List.of("--log-level", "debug", "-f", "udp port 1 and host 10.201.0.99"), ping() + "; " + udp(9999), "--log-level");
        assertThat(ours(run)).isEmpty();
        assertThat(run.err()).contains("0 event(s) processed").containsPattern("[0-9]+ packet\\(s\\) filtered out at net:");
        assertThat(run.err()).doesNotContainPattern("WARN +(total events )?lost");
    }

    @Test
    void badExpressionsAreRefusedBeforeAttaching() throws Exception {
        Run packet = collect(List.of("-f", "tcp port"), "true");
        assertThat(packet.status()).isEqualTo(1);
        assertThat(packet.err().strip()).isEqualTo("Error: Invalid packet filter 'tcp port': can't parse filter expression: syntax error");
        Run meta = collect(List.of("-m", "sk_buff.nope == 1"), "true");
        assertThat(meta.status()).isEqualTo(1);
        assertThat(meta.err().strip()).isEqualTo("Error: meta filter: no field 'nope' in struct sk_buff in 'sk_buff.nope == 1'");
    }

    private void assertOnlyThereOrTracked(List<String> ours, String marker) {
        List<String> ids = new ArrayList<>();
        for (String line : ours) {
            if (line.contains(marker)) {
                ids.add(id(line));
            }
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(4);
        assertThat(ours).allMatch(l -> l.contains(marker) || ids.contains(id(l)));
    }

    private static String id(String line) {
        Matcher m = TRACKING_ID.matcher(line);
        return m.find() ? m.group(1) : "";
    }

    private String ping() {
        return "ip netns exec " + nsA + " ping -c 2 -i 0.2 10.201.0.2 >/dev/null";
    }

    private String udp(int port) {
        return "ip netns exec " + nsA + " bash -c 'for i in 1 2 3; do echo x > /dev/udp/10.201.0.2/" + port + "; done'";
    }

    /** Events on our interfaces (single-line text). */
    private List<String> ours(Run run) {
        return run.out().stream().filter(l -> l.contains(suffix + ")")).toList();
    }

    private Run collect(List<String> options, String traffic, String... globalFirst) throws Exception {
        List<String> command = new ArrayList<>(List.of(RETIS.toString()));
        List<String> rest = new ArrayList<>(options);
        if (globalFirst.length > 0) {
            // Global options go before the subcommand.
            command.addAll(rest.subList(0, 2));
            rest = rest.subList(2, rest.size());
        }
        command.add("collect");
        command.addAll(rest);
        command.addAll(List.of("--format", "single-line", "--cmd", "sleep 2; " + traffic + "; sleep 0.5"));
        // stderr goes to a file: read after stdout, a pipe would fill up (debug logs) and block the tool.
        Path errFile = Files.createTempFile("filter-it", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(errFile.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            return new Run(process.exitValue(), new String(out).lines().toList(), Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    private static String sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(script + ": " + output);
        }
        return output;
    }
}
