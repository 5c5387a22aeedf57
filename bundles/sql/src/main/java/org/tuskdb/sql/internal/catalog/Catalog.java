package org.tuskdb.sql.internal.catalog;

import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * Name lookup for relations. Today only system views exist; the storage issue adds tables
 * (pg_class), and this is where search_path resolution lives: pg_catalog is searched first,
 * as PostgreSQL does when search_path does not name it.
 */
public final class Catalog {
    private final Map<String, SystemView> views;

    public Catalog(List<SystemView> views) {
        this.views = views.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
            v -> v.schema() + "." + v.name(), v -> v));
    }

    public static Catalog builtin() {
        return new Catalog(List.of(new PgStatActivity()));
    }

    /** The relation, or 42P01 'relation "x" does not exist' at the given 1-based position. */
    public SystemView lookup(String schema, String name, int position) {
        SystemView v = views.get((schema == null ? "pg_catalog" : schema) + "." + name);
        if (v == null) {
            String shown = schema == null ? name : schema + "." + name;
            throw DatabaseException.atPosition(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist",
                position);
        }
        return v;
    }
}
