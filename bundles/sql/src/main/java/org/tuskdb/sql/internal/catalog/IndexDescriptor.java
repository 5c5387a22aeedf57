package org.tuskdb.sql.internal.catalog;

import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * An index as the relation cache holds it (part of its table's {@link TableDescriptor}): its
 * pg_class row (relkind i, own relfilenode) and pg_index row. Immutable.
 *
 * @param columns the key columns, 0-based positions in the table (pg_index.indkey minus one);
 *                -1 for a key that is an expression (indkey 0)
 * @param flags   per key column {@link org.tuskdb.sql.internal.storage.IndexKeys} flags (DESC, NULLS_FIRST)
 * @param expressions per key column its analyzed expression over the table's row, null for a
 *                plain column (null altogether when every key is a column)
 * @param predicate a partial index's analyzed WHERE (a boolean over the table's row), or null
 * @param expressionText pg_index.indexprs as stored: the expressions deparsed, comma-separated, or null
 * @param predicateText  pg_index.indpred as stored: the predicate deparsed, or null
 */
public record IndexDescriptor(long oid, String name, long tableOid, RelFileLocator locator, int[] columns, int[] flags,
                              boolean unique, boolean primary, Expression[] expressions, Expression predicate,
                              String expressionText, String predicateText) {

    public IndexDescriptor(long oid, String name, long tableOid, RelFileLocator locator, int[] columns, int[] flags,
                           boolean unique, boolean primary) {
        this(oid, name, tableOid, locator, columns, flags, unique, primary, null, null, null, null);
    }

    /** Whether column {@code i} of the key is descending. */
    public boolean descending(int i) {
        return (flags[i] & org.tuskdb.sql.internal.storage.IndexKeys.DESC) != 0;
    }

    public boolean nullsFirst(int i) {
        return (flags[i] & org.tuskdb.sql.internal.storage.IndexKeys.NULLS_FIRST) != 0;
    }

    /**
     * Every key a plain column and no predicate: what foreign keys, the cost model's uniqueness
     * rules and ordered scans over columns may use (PostgreSQL's FKs too need such an index).
     */
    public boolean plain() {
        return expressions == null && predicate == null;
    }

    /** Key {@code i}'s expression, or null when it is a plain column. */
    public Expression expression(int i) {
        return expressions == null ? null : expressions[i];
    }
}
