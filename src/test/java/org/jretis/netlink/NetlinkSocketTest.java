package org.jretis.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The netlink boundary against the running kernel: sockets, groups, namespaces, errno. */
class NetlinkSocketTest {

    @Test
    void joinsTheTraceGroupAndTimesOutQuietly() throws NetlinkException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (CAP_NET_ADMIN)");
        try (NetlinkSocket socket = NetlinkSocket.open(NetlinkSocket.NETLINK_NETFILTER, 4096)) {
            socket.receiveBuffer(1 << 20);
            socket.joinGroup(NftTrace.GROUP);
            assertThat(socket.receive(new byte[4096], 0)).as("nothing traced: nothing to read").isZero();
        }
    }

    @Test
    void namespaceThatDoesNotExistIsRefusedWithErrno() {
        Path missing = Path.of("/run/netns/jretis-no-such-namespace-" + ProcessHandle.current().pid());
        assertThatThrownBy(() -> NetlinkSocket.openIn(missing, NetlinkSocket.NETLINK_NETFILTER, 4096))
                .isInstanceOf(NetlinkException.class)
                .hasMessage("open " + missing + ": ENOENT (No such file or directory)")
                .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(2));
    }

    @Test
    void fileThatIsNoNamespaceIsRefusedBySetns() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assertThatThrownBy(() -> NetlinkSocket.openIn(Path.of("/proc/self/status"), NetlinkSocket.NETLINK_NETFILTER, 4096))
                .isInstanceOf(NetlinkException.class).hasMessageStartingWith("setns /proc/self/status: EINVAL");
    }
}
