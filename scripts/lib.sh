# Shared by ./retis and ./run-tests: find or install what jretis needs, saying so on stderr.
# Sourced, not run. Sets JAVA (a Java 25 or newer) and exports JAVA_HOME for Maven.

say() { printf 'jretis: %s\n' "$*" >&2; }

# Installs Debian packages when we are root on Debian; otherwise explains what is missing.
apt_install() {
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        say "missing: $*; install them (Debian packages) and try again"
        return 1
    fi
    say "installing $* with apt-get"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1; then
        apt-get update -q >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null || return 1
    fi
}

# The JDK's release file says its version without starting a JVM (some 50 ms of every run).
java_major() {
    local release
    release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
    if [ -f "$release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
    else
        "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
    fi
}

find_java() {
    local candidate
    for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-2[5-9]*/bin/java \
                     /usr/lib/jvm/*-2[5-9]*/bin/java "$(command -v java 2>/dev/null)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 25 ] 2>/dev/null; then
            JAVA="$candidate"
            JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$candidate")")")"
            export JAVA_HOME
            return 0
        fi
    done
    say "no Java 25 or newer found: install a JDK 25 (e.g. Temurin) or set JAVA_HOME"
    return 1
}

# Libraries loaded at run time through FFM, and the tools the launcher uses.
ensure_runtime() {
    local missing=()
    # grep reads all of ldconfig's output (no -q): under pipefail, a grep that quits at the
    # first match makes ldconfig die of SIGPIPE and the library look missing.
    ldconfig -p 2>/dev/null | grep 'libbpf\.so\.1 ' >/dev/null || missing+=(libbpf1)
    ldconfig -p 2>/dev/null | grep 'libpcap\.so\.0\.8 ' >/dev/null || missing+=(libpcap0.8)
    command -v ip >/dev/null 2>&1 || missing+=(iproute2)
    if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

ensure_maven() {
    command -v mvn >/dev/null 2>&1 || apt_install maven
}

# Builds target/jretis.jar when it is missing or older than the sources.
ensure_jar() {
    local root="$1" jar="$1/target/jretis.jar"
    if [ -f "$jar" ] && [ -z "$(find "$root/pom.xml" "$root/src/main" -newer "$jar" -print -quit)" ]; then
        return 0
    fi
    ensure_maven || return 1
    say "building $jar (first use or sources changed)"
    local log="$root/target/build.log"
    mkdir -p "$root/target"
    if ! (cd "$root" && mvn -B -q -DskipTests package) >"$log" 2>&1; then
        cat "$log" >&2
        say "build failed (log: $log)"
        return 1
    fi
}
