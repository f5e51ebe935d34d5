# Shared by bench/flood/run and bench/soak/run (sourced, not run): two network namespaces joined
# by a veth pair to carry a flood, the flood program built from flood.c, and helpers to wait for
# and stop the processes started. Expects $repo and die(); sets the names below, all unique to
# this run (its pid), so parallel runs and other users of the machine are left alone. Everything
# is removed on exit.
id=$$
ns_a=flooda$id ns_b=floodb$id
veth_a=fa$id veth_b=fb$id
net=198.18.$((id % 250)).
addr_a=${net}1 addr_b=${net}2
work=$(mktemp -d "${TMPDIR:-/tmp}/flood.XXXXXX")
started=()

cleanup() {
    local pid
    if declare -F before_cleanup >/dev/null; then before_cleanup; fi
    for pid in "${started[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
    done
    ip netns del "$ns_a" 2>/dev/null || true
    ip netns del "$ns_b" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cc -O2 -Wall -o "$work/flood" "$repo/bench/flood/flood.c" || die "cannot build flood.c"

ip netns add "$ns_a"
ip netns add "$ns_b"
ip link add "$veth_a" netns "$ns_a" type veth peer name "$veth_b" netns "$ns_b"
for side in a b; do
    ns_var=ns_$side veth_var=veth_$side addr_var=addr_$side
    ns=${!ns_var} veth=${!veth_var}
    # No IPv6 and a fixed neighbour: the veths carry the flood and nothing else, so their
    # counters say exactly how many events the probes should see.
    ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$ns" addr add "${!addr_var}/30" dev "$veth"
    ip -n "$ns" link set "$veth" up
done
mac_b=$(ip netns exec "$ns_b" cat "/sys/class/net/$veth_b/address")
ip -n "$ns_a" neigh replace "$addr_b" lladdr "$mac_b" dev "$veth_a" nud permanent

counter() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }

# Packets the probes see on our veths: every transmit attempt on A (net_dev_start_xmit), every
# packet received on B (netif_receive_skb).
veth_events() {
    echo $(( $(counter "$ns_a" "$veth_a" tx_packets) + $(counter "$ns_a" "$veth_a" tx_dropped)
             + $(counter "$ns_b" "$veth_b" rx_packets) ))
}

cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
peak_rss_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }
now_ns() { date +%s%N; }

# Waits until FILE has a line matching PATTERN, or the process PID exits (returns 1).
await_line() {
    local file=$1 pattern=$2 pid=$3 tries=0
    until grep -q -- "$pattern" "$file" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || return 1
        tries=$((tries + 1))
        [ $tries -lt 6000 ] || return 1
        sleep 0.005
    done
}

stop_process() {
    local pid=$1
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 200); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    wait "$pid" 2>/dev/null || true
}

