package org.tuskdb.sql.internal.catalog;

import java.util.List;

/**
 * A view as the relation cache holds it: its pg_class row (relkind v), the SELECT's source text
 * from pg_rewrite.ev_action, and the result columns that query had when the view was created.
 */
public record ViewDescriptor(long oid, String schema, long namespaceOid, String name, String query,
                             List<Column> columns) implements Relation {}
