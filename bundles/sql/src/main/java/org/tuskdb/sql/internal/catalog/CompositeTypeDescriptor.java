package org.tuskdb.sql.internal.catalog;

import java.util.List;

/**
 * A stand-alone composite type (CREATE TYPE name AS (...)) as the relation cache holds it: as in
 * PostgreSQL, a pg_class row of relkind c (no storage) whose pg_attribute rows are the type's
 * attributes, and whose row type is the type (catalog/RowTypes: the same oid, typrelid the class).
 * It names no FROM item: a lookup that would lock it is 42809 "... is a composite type".
 */
public record CompositeTypeDescriptor(long oid, String schema, long namespaceOid, String name, long owner,
                                      List<Column> columns) implements Relation {}
