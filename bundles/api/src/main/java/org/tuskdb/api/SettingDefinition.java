package org.tuskdb.api;

import java.util.List;

/**
 * One configuration parameter, described as PostgreSQL's pg_settings describes it.
 *
 * @param name lower-case name, PostgreSQL's where the setting exists there
 * @param type bool, integer, real, string or enum (pg_settings.vartype)
 * @param bootValue the built-in default, in the setting's base unit, as text
 * @param unit base unit ("ms", "s", "min", "kB", "8kB", "MB", "B") or null
 * @param context postmaster, sighup, superuser, user, backend or internal (pg_settings.context)
 * @param category pg_settings.category
 * @param shortDesc pg_settings.short_desc
 * @param min minimum for numeric settings, else null
 * @param max maximum for numeric settings, else null
 * @param enumValues allowed values of an enum setting, else an empty list
 */
public record SettingDefinition(String name, String type, String bootValue, String unit, String context,
                                String category, String shortDesc, String min, String max,
                                List<String> enumValues) {
    public boolean isUserSettable() {
        return context.equals("user") || context.equals("superuser");
    }
}
