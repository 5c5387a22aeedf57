package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SequenceDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.copy.CopyOptions;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.PgType;

/**
 * COPY (PostgreSQL's DoCopy / BeginCopyFrom / BeginCopyTo checks): the options, the relation
 * (a table: views and sequences are refused as PostgreSQL does), the column list (42703, 42701),
 * and for TO a table becomes {@code SELECT columns FROM table}. Files and programs on the
 * server are not supported (0A000): only STDIN / STDOUT, which psql's \copy also uses.
 */
final class CopyAnalyzer {
    private final ParseState ps;
    private final Analyzer analyzer;

    CopyAnalyzer(ParseState ps, Analyzer analyzer) {
        this.ps = ps;
        this.analyzer = analyzer;
    }

    CopyStatement analyze(Statement.Copy c) {
        if (c.file() != null) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + (c.from() ? "from" : "to")
                + " a file or program on the server is not supported", ps.position(c.location()))
                .withHint("Use COPY " + (c.from() ? "FROM STDIN" : "TO STDOUT") + ", or psql's \\copy.");
        }
        CopyOptions options = CopyOptions.of(c.options(), c.from(), ps::position);
        if (c.query() != null) {
            Query q = analyzer.analyzeQuery(c.query());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < q.visible(); i++) {
                names.add(q.columns().get(i).name());
            }
            return new CopyStatement(false, null, names, null, null, q, options);
        }
        if (!ps.tablesAvailable()) {
            throw StorageContext.notAvailable();
        }
        Statement.RangeVar rv = c.table();
        Relation r = ps.lookup(rv.schema(), rv.name(), c.from() ? LockMode.ROW_EXCLUSIVE : LockMode.ACCESS_SHARE,
            rv.location(), false);
        if (!(r instanceof TableDescriptor t)) {
            String kind = r instanceof SequenceDescriptor ? "sequence" : "view";
            DatabaseException e = DatabaseException.error("42809",
                "cannot copy " + (c.from() ? "to " : "from ") + kind + " \"" + r.name() + "\"");
            if (!kind.equals("view")) {
                throw e;
            }
            if (!c.from()) {
                throw e.withHint("Try the COPY (SELECT ...) TO variant.");
            }
            int columns = c.columns() != null ? c.columns().size() : r.columns().size();
            return new CopyStatement(true, null, List.of(), new PgType[columns], null, null, options,
                e.withHint("To enable copying to a view, provide an INSTEAD OF INSERT trigger."), null);
        }
        if (t.matview() != null) {
            // BeginCopyTo / CopyFrom's relkind checks; FROM only after CopyInResponse, as for a view
            DatabaseException e = DatabaseException.error("42809", "cannot copy " + (c.from() ? "to" : "from")
                + " materialized view \"" + t.name() + "\"");
            if (!c.from()) {
                throw e.withHint("Try the COPY (SELECT ...) TO variant.");
            }
            int columns = c.columns() != null ? c.columns().size() : t.columns().size();
            return new CopyStatement(true, null, List.of(), new PgType[columns], null, null, options, e, null);
        }
        List<Integer> targets = new ArrayList<>();
        if (c.columns() == null) {
            for (int i = 0; i < t.columns().size(); i++) {
                if (!t.isGenerated(i)) { // CopyGetAttnums leaves stored generated columns out
                    targets.add(i);
                }
            }
        } else {
            for (String name : c.columns()) {
                int i = t.columnIndex(name);
                if (i < 0) {
                    throw DatabaseException.error(SqlState.UNDEFINED_COLUMN,
                        "column \"" + name + "\" of relation \"" + t.name() + "\" does not exist");
                }
                if (t.isGenerated(i)) {
                    throw DatabaseException.error("42P10", "column \"" + name + "\" is a generated column")
                        .withDetail("Generated columns cannot be used in COPY.");
                }
                if (targets.contains(i)) {
                    throw DatabaseException.error("42701", "column \"" + name + "\" specified more than once");
                }
                targets.add(i);
            }
        }
        List<String> names = new ArrayList<>();
        for (int i : targets) {
            names.add(t.columns().get(i).name());
        }
        if (!c.from()) {
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int k = 0; k < names.size(); k++) {
                sql.append(k > 0 ? ", " : "").append(quote(names.get(k)));
            }
            sql.append(" FROM ").append(quote(t.schema())).append('.').append(quote(t.name()));
            Statement.Select select = (Statement.Select) Parser.parse(sql.toString()).get(0).statement();
            return new CopyStatement(false, t, names, null, null, analyzer.analyzeQuery(select), options);
        }
        PgType[] types = new PgType[targets.size()];
        Expression[] checks = null;
        Expression[] projection = DmlAnalyzer.defaultsRow(t);
        for (int k = 0; k < targets.size(); k++) {
            int i = targets.get(k);
            Relation.Column col = t.columns().get(i);
            types[k] = col.type();
            if (col.type().isDomain()) {
                if (checks == null) {
                    checks = new Expression[targets.size()];
                }
                checks[k] = DmlAnalyzer.assign(new ColumnVar(0, col.type().baseType(), -1, col.name()), col.type(),
                    col.typmod(), col.name(), c.location(), ps);
            }
            projection[i] = DmlAnalyzer.assign(new ColumnVar(k, col.type(), -1, col.name()), col.type(), col.typmod(),
                col.name(), c.location(), ps);
        }
        return new CopyStatement(true, t, names, types, projection, null, options, null, checks);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
