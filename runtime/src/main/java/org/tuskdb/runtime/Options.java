package org.tuskdb.runtime;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The launcher's command line: a command word, then {@code -D DIR}, {@code -p PORT} and
 * {@code --name value} options; {@code --console} is a flag; {@code --set name=value} (repeatable)
 * gives a setting on the command line, which bundles read as framework property
 * {@code tusk.setting.<name>} (the postmaster's {@code -p PORT} is {@code --set port=PORT}).
 */
record Options(String command, Map<String, String> values, Map<String, String> settings) {
    /** Framework property prefix of a setting given on the command line (source "command line"). */
    static final String SETTING_PREFIX = "tusk.setting.";

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command (postmaster, worker, init, shell-client, train-worker)");
        }
        Map<String, String> values = new HashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--set") && i + 1 < args.length) {
                String assignment = args[++i];
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set needs name=value, not \"" + assignment + "\"");
                }
                settings.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            } else if (name.equals("--console")) {
                values.put(name, "true");
            } else if (name.startsWith("-") && i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument \"" + name + "\"");
            }
        }
        return new Options(args[0], values, settings);
    }

    String get(String name) {
        return values.get(name);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(command + ": option " + name + " is required");
        }
        return v;
    }

    Path dataDirectory() {
        return Path.of(required("-D")).toAbsolutePath().normalize();
    }

    /** The command-line settings as framework properties. */
    Map<String, String> settingProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        settings.forEach((name, value) -> p.put(SETTING_PREFIX + name, value));
        return p;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
