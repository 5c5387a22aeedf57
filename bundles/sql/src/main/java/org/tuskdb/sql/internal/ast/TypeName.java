package org.tuskdb.sql.internal.ast;

import java.util.List;

/**
 * A type as written in a cast, with PostgreSQL's grammar renaming already applied (integer →
 * int4, double precision → float8, character varying → varchar, timestamp with time zone →
 * timestamptz), so the last name is what a cast's default column name shows.
 *
 * @param names qualified name, e.g. [pg_catalog, int4]
 * @param modifiers the (n[, m]) list, empty when none
 * @param intervalField for INTERVAL '1' HOUR: the field a bare number means, else null
 */
public record TypeName(List<String> names, List<Integer> modifiers, String intervalField, int location) {
    public String name() {
        return names.get(names.size() - 1);
    }
}
