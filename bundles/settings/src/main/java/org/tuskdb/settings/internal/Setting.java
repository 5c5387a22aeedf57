package org.tuskdb.settings.internal;

import org.tuskdb.api.SettingDefinition;

/**
 * A setting as this bundle knows it: the public definition plus what only the registry needs.
 *
 * @param definition what pg_settings shows
 * @param reported PostgreSQL's GUC_REPORT: sent to the client as ParameterStatus when it changes
 * @param inSample whether the generated tusk.conf lists it (PostgreSQL's not GUC_NOT_IN_SAMPLE)
 * @param check canonicalizes a string setting's value, or throws 22023; null for none
 */
record Setting(SettingDefinition definition, boolean reported, boolean inSample, StringCheck check) {

    /** A check hook of a string setting (PostgreSQL's check_hook), given the current value. */
    @FunctionalInterface
    interface StringCheck {
        String canonical(String name, String value, String currentValue);
    }

    String name() {
        return definition.name();
    }
}
