package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.catalog.GeneratedColumn;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.function.FunctionRegistry;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.value.PgType;

/**
 * Analysis of the expressions the catalog stores as source text (pg_attrdef.adbin,
 * pg_constraint.conbin), both when DDL stores them (errors then point into the statement) and
 * when the relation cache loads a table.
 */
public class StoredExpressions implements RelationCache.ExpressionLoader {
    private final FunctionRegistry functions;
    /**
     * What names may mean in a stored text besides the built-ins: no relations, the session's
     * user-defined types and the extensions' functions (RelationLookup.storedExpressions).
     */
    private ParseState.RelationLookup names = ParseState.RelationLookup.NONE;

    public StoredExpressions(FunctionRegistry functions) {
        this(functions, ParseState.RelationLookup.NONE);
    }

    public StoredExpressions(FunctionRegistry functions, ParseState.RelationLookup names) {
        this.functions = functions;
        this.names = names;
    }

    /** The session's user-defined types and extensions' functions, for stored texts that name one ('ok'::mood). */
    public void setNames(ParseState.RelationLookup names) {
        this.names = names;
    }

    @Override
    public Expression analyzeDefault(String text, PgType type, int typmod) {
        return Analyzer.analyzeDefault(text, type, typmod, functions, names);
    }

    @Override
    public Expression analyzeCheck(String text, Relation table) {
        ParseState ps = new ParseState(text, functions, names, ParamTypes.none());
        return check(Parser.parseExpression(text), table, ps).expr();
    }

    @Override
    public Expression analyzeTriggerWhen(String text, Relation table) {
        ParseState ps = new ParseState(text, functions, names, ParamTypes.none());
        return triggerWhen(Parser.parseExpression(text), table, ps).expr();
    }

    /**
     * A trigger's WHEN condition (CreateTriggerFiringOn's transformWhereClause): boolean, over the
     * pseudo-relations OLD and NEW, the row being {@code [OLD columns..., NEW columns...]}; the
     * columns it reads are positions in that row (below the table's width: OLD's).
     */
    public static TriggerWhen triggerWhen(Expr raw, Relation table, ParseState ps) {
        Scope scope = Scope.of(table, null, "old");
        scope.addBase(table, "new", null, null, null, false);
        ps.setScope(scope);
        ExpressionAnalyzer ea = new ExpressionAnalyzer(ps);
        Expression e = ea.toBoolean(ea.transform(raw), "WHEN", raw.location());
        return new TriggerWhen(e, any(scope.usedColumns(0)), any(scope.usedColumns(1)));
    }

    /** An analyzed WHEN condition and whether it reads OLD's and NEW's columns. */
    public record TriggerWhen(Expression expr, boolean readsOld, boolean readsNew) {}

    private static boolean any(boolean[] used) {
        for (boolean b : used) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Expression[] analyzeIndexExpressions(String text, Relation table) {
        ParseState ps = new ParseState(text, functions, names, ParamTypes.none());
        java.util.List<org.tuskdb.sql.internal.ast.Expr> raw = Parser.parseExpressionList(text);
        Expression[] out = new Expression[raw.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = overColumns(raw.get(i), table, ps);
        }
        return out;
    }

    @Override
    public GeneratedColumn analyzeGeneration(String text, Relation table, Relation.Column column) {
        ParseState ps = new ParseState(text, functions, names, ParamTypes.none());
        return generation(Parser.parseExpression(text), table, null, column, ps);
    }

    /**
     * A stored generated column's expression (cookDefault with EXPR_KIND_GENERATED_COLUMN): over
     * the table's columns, none of them generated ({@code generated}, null when loading: DDL
     * checked it) nor a system column, no subquery, aggregate or window function, coerced to the
     * column's type as an assignment. Whether its functions are immutable is the caller's check.
     */
    public static GeneratedColumn generation(Expr raw, Relation table, boolean[] generated, Relation.Column column,
                                             ParseState ps) {
        if (generated != null) {
            Expr bad = RawExprs.find(raw, x -> x instanceof Expr.SubLink || x instanceof Expr.ColumnRef c
                && referenced(c, table, generated) != null);
            if (bad instanceof Expr.SubLink) {
                throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot use subquery in column generation expression", ps.position(bad.location()));
            }
            if (bad instanceof Expr.ColumnRef c) {
                String name = referenced(c, table, generated);
                if (SystemColumns.reserved(name)) {
                    throw DatabaseException.atPosition("42P10", "cannot use system column \"" + name
                        + "\" in column generation expression", ps.position(c.location()));
                }
                throw DatabaseException.atPosition("42P17", "cannot use generated column \"" + name
                    + "\" in column generation expression", ps.position(c.location()))
                    .withDetail("A generated column cannot reference another generated column.");
            }
            Expr window = RawExprs.find(raw, x -> x instanceof Expr.FuncCall f && f.over() != null);
            if (window != null) {
                throw DatabaseException.atPosition("42P20", "window functions are not allowed in column generation "
                    + "expressions", ps.position(window.location()));
            }
        }
        ps.setScope(Scope.of(table, null, null));
        ExpressionAnalyzer ea = new ExpressionAnalyzer(ps);
        ea.aggregateContext = "column generation expressions";
        Expression e = ea.transform(raw);
        PgType from = e.type();
        if (from != PgType.UNKNOWN && from != column.type()) {
            org.tuskdb.sql.internal.value.Casts.Context c = org.tuskdb.sql.internal.value.Casts.context(from,
                column.type());
            if (c == null || c == org.tuskdb.sql.internal.value.Casts.Context.EXPLICIT) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "column \"" + column.name()
                    + "\" is of type " + column.type().displayName() + " but default expression is of type "
                    + from.displayName()).withHint("You will need to rewrite or cast the expression.");
            }
        }
        return new GeneratedColumn(DmlAnalyzer.assign(e, column.type(), column.typmod(), column.name(), raw.location(),
            ps), ps.scope().usedColumns());
    }

    /** The column a reference names when it is a generated column of the table or a system column, else null. */
    private static String referenced(Expr.ColumnRef c, Relation table, boolean[] generated) {
        List<String> n = c.names();
        String name = n.get(n.size() - 1);
        if (n.size() > 2 || n.size() == 2 && !n.get(0).equals(table.name())) {
            return null; // another relation: the analysis reports it
        }
        if (SystemColumns.reserved(name)) {
            return name;
        }
        for (int i = 0; i < table.columns().size(); i++) {
            if (generated[i] && table.columns().get(i).name().equals(name)) {
                return name;
            }
        }
        return null;
    }

    /** A type name as DDL writes it (42704 when unknown). */
    public static Relation.Column resolveType(org.tuskdb.sql.internal.ast.TypeName type, String column, ParseState ps) {
        ExpressionAnalyzer.ResolvedType t = new ExpressionAnalyzer(ps).resolveType(type);
        return new Relation.Column(column, t.type(), t.typmod());
    }

    /** An expression over a table's columns (ALTER COLUMN TYPE ... USING), not yet coerced. */
    public static Expression overColumns(Expr raw, Relation table, ParseState ps) {
        ps.setScope(Scope.of(table, null, null));
        return new ExpressionAnalyzer(ps).transform(raw);
    }

    /** A DEFAULT for that column, analyzed and coerced as an assignment (42804 when it cannot be). */
    public static Expression defaultFor(Expr raw, Relation.Column c, ParseState ps) {
        return DmlAnalyzer.assign(new ExpressionAnalyzer(ps).transform(raw), c.type(), c.typmod(), c.name(),
            raw.location(), ps);
    }

    /**
     * ALTER COLUMN TYPE's conversion of the old value ({@code e}, over the old columns) to the new
     * type: an assignment cast, refused with PostgreSQL's 42804 texts when only an explicit one
     * exists (then USING is needed).
     */
    public static Expression alterType(Expression e, Relation.Column target, String column, boolean using,
                                       int location, ParseState ps) {
        PgType from = e.type();
        if (from != PgType.UNKNOWN && from != target.type()) {
            org.tuskdb.sql.internal.value.Casts.Context c = org.tuskdb.sql.internal.value.Casts.context(from,
                target.type());
            if (c == null || c == org.tuskdb.sql.internal.value.Casts.Context.EXPLICIT) {
                String type = target.type().displayName();
                if (using) {
                    throw org.tuskdb.api.DatabaseException.error("42804", "result of USING clause for column \""
                        + column + "\" cannot be cast automatically to type " + type)
                        .withHint("You might need to add an explicit cast.");
                }
                throw org.tuskdb.api.DatabaseException.error("42804", "column \"" + column
                    + "\" cannot be cast automatically to type " + type)
                    .withHint("You might need to specify \"USING " + column + "::" + type + "\".");
            }
        }
        return Coercion.coerce(e, target.type(), target.typmod(), org.tuskdb.sql.internal.value.Casts.Context.ASSIGNMENT,
            ps, location);
    }

    /** A partial index's WHERE over the table's columns, coerced to boolean (42804 otherwise). */
    public static Expression predicate(Expr raw, Relation table, ParseState ps) {
        ps.setScope(Scope.of(table, null, null));
        ExpressionAnalyzer ea = new ExpressionAnalyzer(ps);
        return ea.toBoolean(ea.transform(raw), "WHERE", raw.location());
    }

    /** A one-column relation, VALUE, for a domain's CHECK expressions. */
    private record DomainValue(PgType type, int typmod) implements Relation {
        @Override public String schema() { return ""; }
        @Override public String name() { return ""; }
        @Override public java.util.List<Column> columns() { return java.util.List.of(new Column("value", type, typmod)); }
    }

    /**
     * A domain's CHECK over VALUE (column 0 of the row it is evaluated on), coerced to boolean
     * (42804 at {@code location} otherwise).
     */
    public static Expression domainCheck(Expr raw, PgType base, int typmod, ParseState ps, int location) {
        return check(raw, new DomainValue(base, typmod), ps, location).expr();
    }

    /** An analyzed CHECK and the columns (0-based) it reads, for PostgreSQL's constraint naming. */
    public record AnalyzedCheck(Expression expr, java.util.List<Integer> columns) {}

    /**
     * A CHECK expression over the table's columns, coerced to boolean as PostgreSQL's
     * transformWhereClause does for "CHECK" (42804 otherwise).
     */
    public static AnalyzedCheck check(Expr raw, Relation table, ParseState ps) {
        return check(raw, table, ps, raw.location());
    }

    /** As above; {@code location} is where a non-boolean result's 42804 points. */
    public static AnalyzedCheck check(Expr raw, Relation table, ParseState ps, int location) {
        ps.setScope(Scope.of(table, null, null));
        ExpressionAnalyzer ea = new ExpressionAnalyzer(ps);
        Expression e = ea.toBoolean(ea.transform(raw), "CHECK", location);
        boolean[] used = ps.scope().usedColumns();
        java.util.List<Integer> cols = new java.util.ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                cols.add(i);
            }
        }
        return new AnalyzedCheck(e, cols);
    }
}
