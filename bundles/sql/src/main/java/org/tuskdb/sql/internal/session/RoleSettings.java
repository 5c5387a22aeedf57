package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * A role's settings (ALTER ROLE ... SET) as pg_authid.rolconfig stores them, and a database's
 * (ALTER DATABASE ... SET) as pg_database.datconfig does: a text[] literal of {@code name=value}
 * entries in the order they were set, as PostgreSQL's setconfig.
 */
final class RoleSettings {
    private RoleSettings() {}

    /** The entries of a stored rolconfig (null: none), as a list to change. */
    static List<String> parse(String config) {
        List<String> out = new ArrayList<>();
        if (config != null) {
            for (Value v : ArrayValue.parse(PgType.TEXT_ARRAY, config, -1, SessionStyle.utc()).elements()) {
                out.add(((TextValue) v).value());
            }
        }
        return out;
    }

    /** The stored form, null when there is no entry. */
    static String format(List<String> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        Value[] values = new Value[entries.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = TextValue.text(entries.get(i));
        }
        return new ArrayValue(PgType.TEXT_ARRAY, values).toText(SessionStyle.utc());
    }

    /** Drops the entry of setting {@code name} (case-insensitively, as GUC names compare). */
    static void remove(List<String> entries, String name) {
        entries.removeIf(e -> {
            int eq = e.indexOf('=');
            return eq > 0 && e.substring(0, eq).equalsIgnoreCase(name);
        });
    }

    /**
     * The stored settings {@code stored} after SET name = value / SET name FROM CURRENT / SET name TO
     * DEFAULT / RESET name / RESET ALL (null when none is left); a value is checked against the setting first.
     */
    static String alter(Session session, String stored, Statement.VariableSet set) {
        List<String> config = parse(stored);
        if (set.kind() == Statement.SetKind.RESET_ALL) {
            config.clear();
        } else {
            String name = session.utilities().settingColumnName(set.name());
            remove(config, name);
            if (set.kind() == Statement.SetKind.VALUE || set.kind() == Statement.SetKind.CURRENT) {
                // FROM CURRENT stores the session's value as SHOW shows it (GetConfigOptionByName)
                String value = set.kind() == Statement.SetKind.CURRENT ? session.showSetting(set.name(), false)
                    : session.utilities().flattenSetting(set.name(), set.args());
                session.settings().check(name, value);
                config.add(name + "=" + value);
            }
        }
        return format(config);
    }
}
