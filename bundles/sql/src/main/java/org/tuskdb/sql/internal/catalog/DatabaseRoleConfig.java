package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * ALTER ROLE r IN DATABASE d SET's settings: PostgreSQL keeps them in pg_db_role_setting's row
 * (d, r); here they live in d's pg_database row (datroleconfig), so they go with the database
 * when it is dropped, as DropSetting removes them there. The stored form is one text[] literal of
 * {@code roleoid/name=value} entries (a setting name has no '/'), in the order they were set;
 * per role, the list is a setconfig as rolconfig and datconfig hold it.
 */
public final class DatabaseRoleConfig {
    private DatabaseRoleConfig() {}

    /** The entries of a stored datroleconfig (null: none) by role oid, in order. */
    public static Map<Long, List<String>> parse(String stored) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        if (stored != null) {
            for (Value v : ArrayValue.parse(PgType.TEXT_ARRAY, stored, -1, SessionStyle.utc()).elements()) {
                String e = ((TextValue) v).value();
                int slash = e.indexOf('/');
                out.computeIfAbsent(Long.parseLong(e.substring(0, slash)), k -> new ArrayList<>())
                    .add(e.substring(slash + 1));
            }
        }
        return out;
    }

    /** The stored form of these entries (roles without entries dropped), null when there is none. */
    public static String format(Map<Long, List<String>> byRole) {
        List<Value> values = new ArrayList<>();
        for (Map.Entry<Long, List<String>> e : byRole.entrySet()) {
            for (String s : e.getValue()) {
                values.add(TextValue.text(e.getKey() + "/" + s));
            }
        }
        return values.isEmpty() ? null
            : new ArrayValue(PgType.TEXT_ARRAY, values.toArray(new Value[0])).toText(SessionStyle.utc());
    }

    /** A role's entries as the text[] literal of one setconfig, or null without any. */
    public static String setconfig(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        Value[] values = new Value[entries.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = TextValue.text(entries.get(i));
        }
        return new ArrayValue(PgType.TEXT_ARRAY, values).toText(SessionStyle.utc());
    }
}
