package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.ExpressionMatch;

/**
 * transformOnConflictClause + infer_arbiter_indexes: the arbiter indexes, and for DO UPDATE the
 * SET list and WHERE over a scope of the target table (unqualified names) plus EXCLUDED (the
 * proposed row, only qualified), whose columns follow the table's in the row.
 */
final class OnConflictAnalyzer {
    private final ParseState ps;
    private final ExpressionAnalyzer expressions;

    OnConflictAnalyzer(ParseState ps, ExpressionAnalyzer expressions) {
        this.ps = ps;
        this.expressions = expressions;
    }

    OnConflictSpec analyze(TableDescriptor t, Statement.Insert s) {
        Statement.OnConflict oc = s.onConflict();
        List<IndexDescriptor> arbiters = arbiters(t, oc);
        if (!oc.doUpdate()) {
            return new OnConflictSpec(arbiters, null, null);
        }
        Scope saved = ps.scope();
        Scope scope = Scope.of(t, s.table().alias() == null ? s.table().schema() : null, s.table().alias());
        scope.addBase(t, "excluded", null, null, null, false);
        ps.setScope(scope);
        try {
            List<Relation.Column> cols = t.columns();
            Expression[] newRow = new Expression[cols.size()];
            for (int i = 0; i < newRow.length; i++) {
                newRow[i] = new ColumnVar(i, cols.get(i).type(), cols.get(i).typmod(), cols.get(i).name());
            }
            boolean[] assigned = new boolean[cols.size()];
            for (Statement.SetClause c : oc.set()) {
                if (!c.fields().isEmpty()) {
                    throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "assignment to a field in ON CONFLICT DO UPDATE is not supported yet", ps.position(c.location()));
                }
                int i = t.columnIndex(c.column());
                if (i < 0) {
                    throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + c.column()
                        + "\" of relation \"" + t.name() + "\" does not exist", ps.position(c.location()));
                }
                if (assigned[i]) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                        "multiple assignments to same column \"" + c.column() + "\"", ps.position(c.location()));
                }
                assigned[i] = true;
                DmlAnalyzer.notGenerated(t, i, c.value(), true);
                if (c.value() instanceof Expr.SetToDefault) {
                    Expression d = t.defaults()[i];
                    newRow[i] = d != null ? d : new Const(null, cols.get(i).type(), cols.get(i).typmod());
                } else {
                    newRow[i] = DmlAnalyzer.assign(expressions.transform(c.value()), cols.get(i).type(),
                        cols.get(i).typmod(), cols.get(i).name(), c.value().location(), ps);
                }
            }
            Expression where = oc.where() == null ? null
                : expressions.toBoolean(expressions.transform(oc.where()), "WHERE", oc.where().location());
            return new OnConflictSpec(arbiters, newRow, where);
        } finally {
            ps.setScope(saved);
        }
    }

    private List<IndexDescriptor> arbiters(TableDescriptor t, Statement.OnConflict oc) {
        List<IndexDescriptor> out = new ArrayList<>();
        if (oc.constraint() != null) {
            for (IndexDescriptor ix : t.indexes()) {
                if (ix.unique() && ix.name().equals(oc.constraint())) {
                    out.add(ix);
                }
            }
            if (out.isEmpty()) {
                throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + oc.constraint()
                    + "\" for table \"" + t.name() + "\" does not exist");
            }
            return out;
        }
        if (oc.columns() == null) {
            if (oc.doUpdate()) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                    "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                    ps.position(oc.location())).withHint("For example, ON CONFLICT (column_name).");
            }
            for (IndexDescriptor ix : t.indexes()) {
                if (ix.unique()) {
                    out.add(ix);
                }
            }
            return out;
        }
        Set<Integer> wanted = new HashSet<>();
        for (int k = 0; k < oc.columns().size(); k++) {
            String c = oc.columns().get(k);
            int i = t.columnIndex(c);
            if (i < 0) {
                throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" does not exist",
                    ps.position(oc.columnLocations().get(k)));
            }
            wanted.add(i);
        }
        // the inference elements and predicate over the table's own row (what index expressions and
        // predicates are analyzed over)
        Scope saved = ps.scope();
        List<Expression> exprs = new ArrayList<>();
        Expression where = null;
        try {
            for (Expr x : oc.expressions()) {
                exprs.add(StoredExpressions.overColumns(x, t, ps));
            }
            if (oc.inferenceWhere() != null) {
                where = StoredExpressions.predicate(oc.inferenceWhere(), t, ps);
            }
        } finally {
            ps.setScope(saved);
        }
        List<Expression> whereClauses = org.tuskdb.sql.internal.plan.IndexPaths.conjuncts(where);
        for (IndexDescriptor ix : t.indexes()) {
            if (!ix.unique()) {
                continue;
            }
            Set<Integer> have = new HashSet<>();
            int keyExprs = 0;
            boolean exprsMatch = true;
            for (int k = 0; k < ix.columns().length; k++) {
                int c = ix.columns()[k];
                if (c >= 0) {
                    have.add(c);
                    continue;
                }
                keyExprs++;
                boolean found = false;
                for (Expression x : exprs) {
                    found |= ExpressionMatch.same(x, ix.expression(k), 0);
                }
                exprsMatch &= found;
            }
            // infer_arbiter_indexes: the same columns and expressions, and a partial index only when
            // the inference WHERE implies its predicate
            if (have.equals(wanted) && exprsMatch && keyExprs == exprs.size()
                && (ix.predicate() == null || ExpressionMatch.implies(whereClauses, ix.predicate(), 0))) {
                out.add(ix);
            }
        }
        if (out.isEmpty()) {
            throw DatabaseException.error("42P10",
                "there is no unique or exclusion constraint matching the ON CONFLICT specification");
        }
        return out;
    }
}
