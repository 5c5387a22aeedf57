package org.tuskdb.protocol.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * The StartupMessage the postmaster read and handed over (length word included): protocol
 * version, then name/value string pairs ended by an empty name.
 *
 * <p>Rules, as PostgreSQL's ProcessStartupPacket: only major version 3 is spoken; a newer minor
 * version or {@code _pq_.} options are answered with NegotiateProtocolVersion (3.0, and the
 * options we ignored); {@code user} is required; {@code database} defaults to the user;
 * {@code options} is split into its {@code -c name=value} / {@code --name=value} settings,
 * which explicit packet parameters override.
 *
 * @param minorVersion the client's minor version (answered with 0 when above 0)
 * @param user the user name
 * @param database the database name
 * @param parameters every other parameter, options' settings first, in packet order
 * @param ignoredOptions {@code _pq_.} protocol options the client asked for (none are known)
 */
record StartupPacket(int minorVersion, String user, String database, Map<String, String> parameters,
                     List<String> ignoredOptions) {

    static final int PROTOCOL_MAJOR = 3;

    boolean needsNegotiation() {
        return minorVersion > 0 || !ignoredOptions.isEmpty();
    }

    static StartupPacket parse(byte[] packet) {
        if (packet == null || packet.length < 8) {
            throw ProtocolErrors.violation("invalid length of startup packet");
        }
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.BIG_ENDIAN);
        int length = b.getInt();
        if (length != packet.length) {
            throw ProtocolErrors.violation("invalid length of startup packet");
        }
        int version = b.getInt();
        int major = version >>> 16;
        int minor = version & 0xffff;
        if (major != PROTOCOL_MAJOR) {
            throw DatabaseException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol "
                    + major + "." + minor + ": server supports 3.0 to 3.0");
        }
        if (packet[packet.length - 1] != 0) {
            throw ProtocolErrors.violation("invalid startup packet layout: expected terminator as last byte");
        }
        MessageBuffer body = new MessageBuffer(b.slice().order(ByteOrder.BIG_ENDIAN));
        Map<String, String> packetParameters = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        String user = null;
        String database = null;
        String options = null;
        while (true) {
            String name = body.cString();
            if (name.isEmpty()) {
                break;
            }
            String value = body.cString();
            switch (name) {
                case "user" -> user = value;
                case "database" -> database = value;
                case "options" -> options = value;
                case "replication" -> checkReplication(value);
                default -> {
                    if (name.startsWith("_pq_.")) {
                        ignored.add(name);
                    } else {
                        packetParameters.put(name, value);
                    }
                }
            }
        }
        body.end();
        if (user == null || user.isEmpty()) {
            throw DatabaseException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        if (database == null || database.isEmpty()) {
            database = user;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (options != null) {
            parameters.putAll(parseOptions(options));
        }
        parameters.putAll(packetParameters);
        return new StartupPacket(minor, user, database, parameters, List.copyOf(ignored));
    }

    /** Physical or logical replication connections come with the replication issue. */
    private static void checkReplication(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        if (!(v.equals("false") || v.equals("off") || v.equals("no") || v.equals("0") || v.equals("f")
                || v.equals("n"))) {
            throw DatabaseException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "replication connections are not supported");
        }
    }

    /**
     * The settings in the {@code options} parameter: arguments split at unescaped whitespace
     * (backslash escapes the next character), each {@code -c name=value}, {@code -cname=value}
     * or {@code --name=value}; dashes in a name become underscores.
     */
    static Map<String, String> parseOptions(String options) {
        List<String> args = splitArguments(options);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String setting;
            if (arg.equals("-c")) {
                if (i + 1 >= args.size()) {
                    throw badArgument(arg);
                }
                setting = args.get(++i);
            } else if (arg.startsWith("-c")) {
                setting = arg.substring(2);
            } else if (arg.startsWith("--")) {
                setting = arg.substring(2);
            } else {
                throw badArgument(arg);
            }
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw DatabaseException.fatal(SqlState.SYNTAX_ERROR, (arg.startsWith("--") ? "--" : "-c ")
                        + setting + " requires a value");
            }
            settings.put(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1));
        }
        return settings;
    }

    private static DatabaseException badArgument(String arg) {
        return DatabaseException.fatal(SqlState.SYNTAX_ERROR, "invalid command-line argument for server process: " + arg)
                .withHint("Only -c name=value and --name=value are accepted in the options startup parameter.");
    }

    private static List<String> splitArguments(String options) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArg = false;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
                continue;
            }
            inArg = true;
            if (c == '\\' && i + 1 < options.length()) {
                current.append(options.charAt(++i));
            } else {
                current.append(c);
            }
        }
        if (inArg) {
            args.add(current.toString());
        }
        return args;
    }
}
