package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.settings.SessionSettings;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_catalog.pg_settings with PostgreSQL 15's columns, one row per setting the registry defines,
 * sorted by name: setting is the session's effective value in the setting's base unit (as
 * current_setting shows it without units), source "session" for a value SET in this session, else
 * the registry's source; reset_val the value RESET would restore. sourcefile / sourceline are
 * NULL, pending_restart false (a changed postmaster setting is reported by the settings bundle's
 * log instead). No rows without a session's settings.
 */
public final class PgSettings implements SystemView {
    private static final List<Column> COLUMNS = List.of(
        new Column("name", PgType.TEXT), new Column("setting", PgType.TEXT), new Column("unit", PgType.TEXT),
        new Column("category", PgType.TEXT), new Column("short_desc", PgType.TEXT),
        new Column("extra_desc", PgType.TEXT), new Column("context", PgType.TEXT), new Column("vartype", PgType.TEXT),
        new Column("source", PgType.TEXT), new Column("min_val", PgType.TEXT), new Column("max_val", PgType.TEXT),
        new Column("enumvals", PgType.TEXT_ARRAY), new Column("boot_val", PgType.TEXT),
        new Column("reset_val", PgType.TEXT), new Column("sourcefile", PgType.TEXT), new Column("sourceline", PgType.INT4),
        new Column("pending_restart", PgType.BOOL));

    @Override public String schema() { return "pg_catalog"; }
    @Override public String name() { return "pg_settings"; }
    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public List<Value[]> rows(EvalContext ctx) {
        SessionSettings settings = ctx.sessionSettings();
        if (settings == null) {
            return List.of();
        }
        SettingsRegistry registry = settings.registry();
        List<SettingDefinition> all = new ArrayList<>(registry.definitions());
        all.removeIf(d -> org.tuskdb.sql.internal.settings.SessionSettings.NOT_SHOWN_IN_ALL.contains(
            d.name().toLowerCase(java.util.Locale.ROOT)));
        all.sort(Comparator.comparing(d -> d.name().toLowerCase(java.util.Locale.ROOT)));
        List<Value[]> out = new ArrayList<>(all.size());
        for (SettingDefinition d : all) {
            String name = d.name();
            Value enums = null;
            if (d.enumValues() != null && !d.enumValues().isEmpty()) {
                Value[] e = new Value[d.enumValues().size()];
                for (int i = 0; i < e.length; i++) {
                    e[i] = text(d.enumValues().get(i));
                }
                enums = new ArrayValue(PgType.TEXT_ARRAY, e);
            }
            String source = settings.setInSession(name) ? "session" : registry.source(name);
            out.add(new Value[] {text(name), text(settings.value(name)), text(d.unit()), text(d.category()),
                text(d.shortDesc()), null, text(d.context()), text(d.type()), text(source == null ? "default" : source),
                text(d.min()), text(d.max()), enums, text(d.bootValue()), text(settings.resetValue(name)), null, null,
                BoolValue.FALSE});
        }
        return out;
    }

    private static Value text(String s) {
        return s == null ? null : TextValue.text(s);
    }
}
