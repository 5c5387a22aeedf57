package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * The relations visible to column references (PostgreSQL's namespace / range table). One
 * relation or none today; joins (a later issue) make it a list and bring 42702 ambiguity.
 */
public final class Scope {
    static final Scope EMPTY = new Scope(null, null, null);

    private final Relation relation;
    private final String schema;
    private final String refName;
    /** Columns some expression reads (so a scan decodes only those). */
    private final boolean[] used;

    private Scope(Relation relation, String schema, String refName) {
        this.relation = relation;
        this.schema = schema;
        this.refName = refName;
        this.used = relation == null ? null : new boolean[relation.columns().size()];
    }

    static Scope of(Relation relation, String schema, String alias) {
        return new Scope(relation, alias == null ? schema : null, alias == null ? relation.name() : alias);
    }

    public Relation relation() { return relation; }

    /** Which columns expressions bound so far read; null without a relation. */
    boolean[] usedColumns() {
        return used == null ? null : used.clone();
    }

    void markAllUsed() {
        if (used != null) {
            java.util.Arrays.fill(used, true);
        }
    }

    /** Every column as a Var, for SELECT * (qualifier null) or t.*. */
    List<Expression> expandStar(List<String> qualifier, ParseState ps, int location) {
        if (relation == null) {
            if (qualifier.isEmpty()) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "SELECT * with no tables specified is not valid", ps.position(location));
            }
            throw missingFrom(qualifier.get(qualifier.size() - 1), ps, location);
        }
        if (!qualifier.isEmpty()) {
            checkQualifier(qualifier, ps, location);
        }
        java.util.ArrayList<Expression> out = new java.util.ArrayList<>();
        List<Relation.Column> cols = relation.columns();
        for (int i = 0; i < cols.size(); i++) {
            used[i] = true;
            out.add(new ColumnVar(i, cols.get(i).type(), cols.get(i).typmod(), cols.get(i).name()));
        }
        return out;
    }

    List<String> starNames() {
        return relation.columns().stream().map(Relation.Column::name).toList();
    }

    /** Binds [rel.]col, or 42703 / 42P01. */
    Expression resolveColumn(List<String> names, ParseState ps, int location) {
        String column = names.get(names.size() - 1);
        List<String> qualifier = names.subList(0, names.size() - 1);
        if (!qualifier.isEmpty()) {
            if (relation == null) {
                throw missingFrom(qualifier.get(qualifier.size() - 1), ps, location);
            }
            checkQualifier(qualifier, ps, location);
        }
        if (relation != null) {
            List<Relation.Column> cols = relation.columns();
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).name().equals(column)) {
                    used[i] = true;
                    return new ColumnVar(i, cols.get(i).type(), cols.get(i).typmod(), column);
                }
            }
        }
        String shown = qualifier.isEmpty() ? "column \"" + column + "\"" : "column " + String.join(".", names);
        throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, shown + " does not exist", ps.position(location));
    }

    private void checkQualifier(List<String> qualifier, ParseState ps, int location) {
        String rel = qualifier.get(qualifier.size() - 1);
        boolean ok = rel.equals(refName);
        if (ok && qualifier.size() >= 2) {
            String s = qualifier.get(qualifier.size() - 2);
            ok = schema != null ? s.equals(schema) : s.equals(relation.schema()) && refName.equals(relation.name());
        }
        if (!ok) {
            throw missingFrom(rel, ps, location);
        }
    }

    private static DatabaseException missingFrom(String rel, ParseState ps, int location) {
        return DatabaseException.atPosition(SqlState.UNDEFINED_TABLE,
            "missing FROM-clause entry for table \"" + rel + "\"", ps.position(location));
    }
}
