package org.tuskdb.sql.internal.catalog;

import java.util.List;
import java.util.Map;

/**
 * The system views (computed relations in pg_catalog), by name. Tables live in the heap and are
 * found through the session's {@link RelationCache}, which asks here first: pg_catalog is
 * searched before public, as PostgreSQL does when search_path does not name it.
 */
public final class Catalog {
    private final Map<String, SystemView> views;

    public Catalog(List<SystemView> views) {
        this.views = views.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
            v -> v.schema() + "." + v.name(), v -> v));
    }

    public static Catalog builtin() {
        return builtin(List.of());
    }

    /** The built-in views and the given ones (pg_proc, which the function registry computes). */
    public static Catalog builtin(List<SystemView> more) {
        List<SystemView> views = new java.util.ArrayList<>(List.of(new PgStatActivity(), new PgStatBgwriter(), new PgSettings(), new PgLocks()));
        views.addAll(PgCatalogViews.all());
        views.addAll(PgStatViews.all());
        views.addAll(more);
        return new Catalog(views);
    }

    /** The view pg_catalog.name, or null. */
    public SystemView view(String name) {
        return views.get("pg_catalog." + name);
    }
}
