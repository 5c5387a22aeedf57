package org.tuskdb.sql.internal.catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The system views (computed relations in pg_catalog), by name. Tables live in the heap and are
 * found through the session's {@link RelationCache}, which asks here first: pg_catalog is
 * searched before public, as PostgreSQL does when search_path does not name it.
 */
public final class Catalog {
    private final Supplier<List<SystemView>> source;
    /** By schema-qualified name; built at the first lookup (not at the engine's start, see below). */
    private volatile Map<String, SystemView> views;

    public Catalog(List<SystemView> views) {
        this(() -> views);
    }

    private Catalog(Supplier<List<SystemView>> source) {
        this.source = source;
    }

    public static Catalog builtin() {
        return builtin(List::of);
    }

    /**
     * The built-in views and the given ones (pg_proc, which the function registry computes).
     * They are made at the first lookup: PgCatalogViews' ~60 view lambdas cost a backend's start
     * ~15 ms of CPU (benchmarks/README-startup.md, seventh session), and the first statement that
     * names a relation comes later (in a pooled backend, its warm-up's).
     */
    public static Catalog builtin(Supplier<List<SystemView>> more) {
        return new Catalog(() -> {
            List<SystemView> views = new java.util.ArrayList<>(List.of(new PgStatActivity(), new PgStatBgwriter(),
                new PgSettings(), new PgLocks()));
            views.addAll(PgCatalogViews.all());
            views.addAll(PgStatViews.all());
            views.addAll(more.get());
            return views;
        });
    }

    /** The view pg_catalog.name, or null. */
    public SystemView view(String name) {
        Map<String, SystemView> m = views;
        if (m == null) {
            m = byName();
        }
        return m.get("pg_catalog." + name);
    }

    private synchronized Map<String, SystemView> byName() {
        Map<String, SystemView> m = views;
        if (m == null) {
            m = source.get().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                v -> v.schema() + "." + v.name(), v -> v));
            views = m;
        }
        return m;
    }
}
