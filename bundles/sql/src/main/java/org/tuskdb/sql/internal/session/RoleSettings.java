package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * A role's settings (ALTER ROLE ... SET) as pg_authid.rolconfig stores them: a text[] literal of
 * {@code name=value} entries in the order they were set, as PostgreSQL's setconfig.
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
}
