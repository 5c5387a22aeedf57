package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SystemView;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;

/**
 * parse_analyze: raw statements to {@link Query} or {@link UtilityCommand}. Binds names in FROM
 * and in expressions, types everything, names the result columns, and resolves what is still
 * unknown to text at the end, as PostgreSQL does.
 */
public final class Analyzer {
    private final ParseState ps;
    private final ExpressionAnalyzer expressions;
    private final UnaryOperator<String> settingName;

    /**
     * @param settingName maps a setting name to its canonical spelling (SHOW's column name),
     *                    throwing 42704 for an unknown one
     */
    public Analyzer(ParseState ps, UnaryOperator<String> settingName) {
        this.ps = ps;
        this.expressions = new ExpressionAnalyzer(ps);
        this.settingName = settingName;
    }

    public AnalyzedStatement analyze(Statement s) {
        return switch (s) {
            case Statement.Select select -> analyzeQuery(select);
            case Statement.VariableShow show -> new UtilityCommand(show, showColumns(show.name()));
            case Statement.Insert insert -> new DmlAnalyzer(ps, expressions, this).insert(insert);
            case Statement.Update update -> new DmlAnalyzer(ps, expressions, this).update(update);
            case Statement.Delete delete -> new DmlAnalyzer(ps, expressions, this).delete(delete);
            default -> new UtilityCommand(s, null);
        };
    }

    /**
     * A column's stored DEFAULT: parsed, analyzed without any relation in scope and coerced to
     * the column's type as an assignment.
     */
    public static Expression analyzeDefault(String text, org.tuskdb.sql.internal.value.PgType type, int typmod,
                                            org.tuskdb.sql.internal.function.FunctionRegistry functions) {
        ParseState ps = new ParseState(text, functions, ParseState.RelationLookup.NONE, ParamTypes.none());
        Expr raw = org.tuskdb.sql.internal.parser.Parser.parseExpression(text);
        return DmlAnalyzer.assign(new ExpressionAnalyzer(ps).transform(raw), type, typmod, "?", raw.location(), ps);
    }

    /** CREATE TABLE's checks of one column: its type (42704) and default (analyzed against the whole text). */
    public static Relation.Column columnType(Statement.ColumnDef c, ParseState ps) {
        ExpressionAnalyzer ea = new ExpressionAnalyzer(ps);
        ExpressionAnalyzer.ResolvedType t = ea.resolveType(c.type());
        if (t.type() == org.tuskdb.sql.internal.value.PgType.UNKNOWN || t.type().isPseudo()) {
            throw DatabaseException.atPosition("42P16",
                "column \"" + c.name() + "\" has pseudo-type " + t.type().displayName(), ps.position(c.type().location()));
        }
        if (c.defaultExpr() != null) {
            DmlAnalyzer.assign(ea.transform(c.defaultExpr()), t.type(), t.typmod(), c.name(), c.defaultExpr().location(), ps);
        }
        return new Relation.Column(c.name(), t.type(), t.typmod());
    }

    private List<ResultColumn> showColumns(String name) {
        if (name.equals("all")) {
            return List.of(new ResultColumn("name", PgType.TEXT, -1), new ResultColumn("setting", PgType.TEXT, -1),
                new ResultColumn("description", PgType.TEXT, -1));
        }
        return List.of(new ResultColumn(settingName.apply(name), PgType.TEXT, -1));
    }

    /** A SELECT or VALUES on its own (also INSERT's source). */
    Query analyzeQuery(Statement.Select select) {
        return select.valuesLists() != null ? analyzeValues(select) : analyzeSelect(select);
    }

    private Query analyzeSelect(Statement.Select s) {
        Relation source = null;
        if (s.from().size() > 1) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "more than one relation in FROM is not supported yet", ps.position(s.from().get(1).location()));
        }
        if (s.from().size() == 1) {
            Statement.RangeVar rv = s.from().get(0);
            source = ps.lookup(rv.schema(), rv.name(), s.rowLock() != null ? LockMode.ROW_SHARE : LockMode.ACCESS_SHARE,
                rv.location(), false);
            if (s.rowLock() != null && !(source instanceof TableDescriptor)) {
                throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot lock rows in view \"" + source.name() + "\"", ps.position(rv.location()));
            }
            ps.setScope(Scope.of(source, rv.schema(), rv.alias()));
        }
        if (s.rowLock() != null && s.distinct()) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "FOR " + lockName(s.rowLock()) + " is not allowed with DISTINCT clause", ps.position(s.location()));
        }
        List<Expression> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Statement.ResTarget t : s.targets()) {
            if (t.expr() instanceof Expr.Star star) {
                List<Expression> columns = ps.scope().expandStar(star.qualifier(), ps, star.location());
                targets.addAll(columns);
                for (Expression c : columns) {
                    names.add(((ColumnVar) c).name());
                }
                continue;
            }
            targets.add(expressions.transform(t.expr()));
            names.add(t.alias() != null ? t.alias() : ColumnNames.figure(t.expr()));
        }
        Expression where = null;
        if (s.where() != null) {
            where = expressions.toBoolean(expressions.transform(s.where()), "WHERE", s.where().location());
        }
        resolveUnknowns(targets);
        return finish(source, null, where, targets, names, s);
    }

    private Query analyzeValues(Statement.Select s) {
        List<List<Expr>> raw = s.valuesLists();
        int width = raw.get(0).size();
        List<List<Expression>> rows = new ArrayList<>();
        for (List<Expr> row : raw) {
            if (row.size() != width) {
                throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length",
                    ps.position(row.get(0).location()));
            }
            List<Expression> out = new ArrayList<>();
            for (Expr e : row) {
                out.add(expressions.transform(e));
            }
            rows.add(out);
        }
        List<Expression[]> coercedRows = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            coercedRows.add(new Expression[width]);
        }
        List<Expression> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<Expression> column = new ArrayList<>();
            List<Integer> locations = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                column.add(rows.get(r).get(c));
                locations.add(raw.get(r).get(c).location());
            }
            PgType type = Coercion.commonType(column, locations, "VALUES", ps);
            Expression[] coerced = Coercion.coerceAll(column, locations, type, "VALUES", ps);
            for (int r = 0; r < rows.size(); r++) {
                coercedRows.get(r)[c] = coerced[r];
            }
            targets.add(new ColumnVar(c, type, "column" + (c + 1)));
            names.add("column" + (c + 1));
        }
        return finish(null, coercedRows, null, targets, names, s);
    }

    /** Target list entries (SELECT's, RETURNING's): expressions and their names, * expanded. */
    void targetList(List<Statement.ResTarget> in, List<Expression> targets, List<String> names) {
        for (Statement.ResTarget t : in) {
            if (t.expr() instanceof Expr.Star star) {
                List<Expression> columns = ps.scope().expandStar(star.qualifier(), ps, star.location());
                targets.addAll(columns);
                for (Expression c : columns) {
                    names.add(((ColumnVar) c).name());
                }
                continue;
            }
            targets.add(expressions.transform(t.expr()));
            names.add(t.alias() != null ? t.alias() : ColumnNames.figure(t.expr()));
        }
    }

    void resolveUnknowns(List<Expression> targets) {
        for (int i = 0; i < targets.size(); i++) {
            targets.set(i, Coercion.resolveUnknown(targets.get(i), ps));
        }
    }

    /** ORDER BY, DISTINCT, LIMIT and OFFSET, which SELECT and VALUES share. */
    private static String lockName(org.tuskdb.api.heap.RowLockMode m) {
        return switch (m) {
            case UPDATE -> "UPDATE";
            case NO_KEY_UPDATE -> "NO KEY UPDATE";
            case SHARE -> "SHARE";
            case KEY_SHARE -> "KEY SHARE";
        };
    }

    private Query finish(Relation source, List<Expression[]> valuesRows, Expression where, List<Expression> targets,
                         List<String> names, Statement.Select s) {
        int visible = targets.size();
        List<Query.SortKey> sort = new ArrayList<>();
        for (Statement.SortBy by : s.orderBy()) {
            int index = findSortTarget(by.expr(), names, visible);
            if (index < 0) {
                if (s.distinct()) {
                    throw DatabaseException.atPosition("42P10",
                        "for SELECT DISTINCT, ORDER BY expressions must appear in select list", ps.position(by.location()));
                }
                if (valuesRows != null) {
                    throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "ORDER BY on a VALUES list must name an output column", ps.position(by.location()));
                }
                Expression e = Coercion.resolveUnknown(expressions.transform(by.expr()), ps);
                targets.add(e);
                index = targets.size() - 1;
            }
            // the type needs an ordering operator
            expressions.resolveOperator("<", targets.get(index).type(), targets.get(index).type(), by.location());
            boolean nullsFirst = by.nullsFirst() != null ? by.nullsFirst() : by.descending();
            sort.add(new Query.SortKey(index, by.descending(), nullsFirst));
        }
        Expression limit = limitClause(s.limit(), "LIMIT");
        Expression offset = limitClause(s.offset(), "OFFSET");
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < visible; i++) {
            columns.add(new ResultColumn(names.get(i), targets.get(i).type(), targets.get(i).typmod()));
        }
        return new Query(source, valuesRows, where, List.copyOf(targets), List.copyOf(columns), visible, sort,
            s.distinct(), limit, offset, s.rowLock(), ps.scope().usedColumns());
    }

    /** ORDER BY n (a result position) or ORDER BY name (a result column name), else -1. */
    private int findSortTarget(Expr e, List<String> names, int visible) {
        if (e instanceof Expr.Literal lit && lit.kind() == Expr.LiteralKind.INTEGER) {
            long n = Long.parseLong(lit.text());
            if (n < 1 || n > visible) {
                throw DatabaseException.atPosition("42P10", "ORDER BY position " + n + " is not in select list",
                    ps.position(lit.location()));
            }
            return (int) n - 1;
        }
        if (e instanceof Expr.ColumnRef ref && ref.names().size() == 1) {
            int found = -1;
            for (int i = 0; i < visible; i++) {
                if (names.get(i).equals(ref.column())) {
                    if (found >= 0) {
                        throw DatabaseException.atPosition(SqlState.AMBIGUOUS_COLUMN,
                            "ORDER BY \"" + ref.column() + "\" is ambiguous", ps.position(ref.location()));
                    }
                    found = i;
                }
            }
            return found;
        }
        return -1;
    }

    private Expression limitClause(Expr e, String clause) {
        if (e == null) {
            return null;
        }
        Expression x = expressions.transform(e);
        if (x.type() != PgType.INT8) {
            if (x.type() != PgType.UNKNOWN && !Casts.canCoerceImplicitly(x.type(), PgType.INT8)) {
                throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH,
                    "argument of " + clause + " must be type bigint, not type " + x.type().displayName(),
                    ps.position(e.location()));
            }
            x = Coercion.coerce(x, PgType.INT8, -1, Casts.Context.IMPLICIT, ps, e.location());
        }
        return x;
    }
}
