package org.tuskdb.api;

import java.util.Collection;

/**
 * The server-wide settings: definitions with their built-in defaults, overridden by
 * {@code tusk.conf} in the data directory (PostgreSQL's names, units and syntax). Session
 * overrides made with {@code SET} live in the session, not here.
 */
public interface SettingsRegistry {
    /** Every known setting, sorted by name. */
    Collection<SettingDefinition> definitions();

    /** The definition of a setting (name is case-insensitive), or null when unknown. */
    SettingDefinition find(String name);

    /** The server-wide value of a setting in its base unit, as text (what a new session starts with). */
    String value(String name);

    /** Where the value came from: "default" or "configuration file". */
    String source(String name);

    /**
     * Checks and normalizes a value for a setting: units are converted to the base unit,
     * booleans and enums are canonicalized. Throws 22023 for a bad value, 42704 for an unknown name.
     */
    String normalize(String name, String value);

    /**
     * Formats a base-unit value the way SHOW does (memory and time with the largest exact unit,
     * e.g. 128MB, 1min).
     */
    String display(String name, String baseValue);

    /** Re-reads tusk.conf; settings whose context allows it take the new value. */
    void reload();

    /**
     * A number that changes whenever {@link #value} may answer differently than before (each
     * reload), so that a session can keep the values it read until then; negative when the
     * registry cannot tell, and then nothing may be kept.
     *
     * @since 1.4
     */
    default long generation() {
        return -1;
    }

    /** Convenience: an integer setting in its base unit. */
    default long intValue(String name) {
        return Long.parseLong(value(name));
    }

    /** Convenience: a boolean setting. */
    default boolean boolValue(String name) {
        return "on".equals(value(name));
    }
}
