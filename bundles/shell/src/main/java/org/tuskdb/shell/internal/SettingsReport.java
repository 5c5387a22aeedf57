package org.tuskdb.shell.internal;

import java.util.Collection;

import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;

/**
 * {@code tusk:settings}: server-wide values as SHOW prints them (with their unit), where each
 * came from and when it can change (pg_settings.context). Many settings are a table with the
 * description cut to the screen; one setting is a full record, its description whole.
 */
final class SettingsReport {
    private SettingsReport() {
    }

    static String table(SettingsRegistry settings, Collection<SettingDefinition> definitions) {
        TextTable table = new TextTable("name", "value", "source", "context", "description");
        for (SettingDefinition d : definitions) {
            table.row(d.name(), shown(settings, d.name(), settings.value(d.name())), settings.source(d.name()), d.context(), d.shortDesc());
        }
        return table.render();
    }

    static String record(SettingsRegistry settings, SettingDefinition d) {
        String unit = d.unit() == null ? "" : " (base unit " + d.unit() + ")";
        String range = d.min() == null && d.max() == null ? null
                : (d.min() == null ? "" : d.min()) + " .. " + (d.max() == null ? "" : d.max()) + (d.unit() == null ? "" : " " + d.unit());
        return new RecordView()
                .field("name", d.name())
                .field("value", shown(settings, d.name(), settings.value(d.name())))
                .field("source", settings.source(d.name()))
                .field("context", d.context())
                .field("type", d.type() + unit)
                .field("default", shown(settings, d.name(), d.bootValue()))
                .field("range", range)
                .field("values", d.enumValues().isEmpty() ? null : String.join(", ", d.enumValues()))
                .field("category", d.category())
                .field("description", d.shortDesc())
                .render();
    }

    /** SHOW's form of a base-unit value; the raw value if the registry cannot format it. */
    private static String shown(SettingsRegistry settings, String name, String baseValue) {
        if (baseValue == null) {
            return "";
        }
        try {
            return settings.display(name, baseValue);
        } catch (RuntimeException e) {
            return baseValue;
        }
    }
}
