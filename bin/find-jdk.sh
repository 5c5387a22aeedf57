# Sourced by ./tusk and .ci/run: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME when it is 25+, then /usr/lib/jvm/*25*, then any JDK 25+ under /usr/lib/jvm.
# The version comes from the JDK's release file, so no JVM is started to find it.

# Prints the feature (major) version of the JDK at $1, or 0.
tusk_jdk_major() {
    local v
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
    echo "${v:-0}"
}

# Sets and exports JAVA_HOME, or prints one line naming what is missing and returns 1.
tusk_find_jdk() {
    local d
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(tusk_jdk_major "$JAVA_HOME")" -ge 25 ]; then
        export JAVA_HOME
        return 0
    fi
    for d in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
        if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] && [ "$(tusk_jdk_major "$d")" -ge 25 ]; then
            JAVA_HOME=$d
            export JAVA_HOME
            return 0
        fi
    done
    echo "tusk: no JDK 25 found (set JAVA_HOME to a JDK 25, e.g. install temurin-25-jdk)" >&2
    return 1
}
