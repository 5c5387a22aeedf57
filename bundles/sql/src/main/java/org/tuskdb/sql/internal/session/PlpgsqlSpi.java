package org.tuskdb.sql.internal.session;

import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.analyze.AnalyzedStatement;
import org.tuskdb.sql.internal.analyze.Analyzer;
import org.tuskdb.sql.internal.analyze.ModifyQuery;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.UserFunction;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.plan.Plan;
import org.tuskdb.sql.internal.plan.Planner;
import org.tuskdb.sql.internal.plpgsql.Plpgsql;
import org.tuskdb.sql.internal.plpgsql.Spi;

/**
 * The session's side of PL/pgSQL for one statement execution (its {@link StatementContext}, so
 * utility statements a block runs send their notices to the same client).
 */
final class PlpgsqlSpi implements Spi {
    private final Session session;
    private final StatementContext ctx;

    PlpgsqlSpi(Session session, StatementContext ctx) {
        this.session = session;
        this.ctx = ctx;
    }

    String runDo(Statement.Do d) {
        if (!d.language().equals("plpgsql")) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "language \"" + d.language() + "\" does not exist");
        }
        Plpgsql.runDo(this, d.body(), ctx);
        return "DO";
    }

    void validate(UserFunction f) {
        Plpgsql.validate(f);
    }

    @Override
    public ParseState parseState(String sql, ParamTypes params) {
        return new ParseState(sql, session.services().functions(), session.relationLookup(), params);
    }

    @Override
    public AnalyzedStatement analyze(ParseState ps, Statement s) {
        return new Analyzer(ps, session.utilities()::settingColumnName).analyze(s);
    }

    @Override
    public Plan plan(AnalyzedStatement a) {
        return switch (a) {
            case Query q -> Planner.plan(q).root();
            case ModifyQuery m -> Planner.plan(m).root();
            default -> throw new IllegalArgumentException("not plannable");
        };
    }

    @Override
    public String utility(Statement s, EvalContext context) {
        if (s instanceof Statement.Transaction || s instanceof Statement.Do && ctx == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "transaction control in PL/pgSQL is not supported yet");
        }
        if (s instanceof org.tuskdb.sql.internal.ast.DatabaseStatements.CreateDatabase
                || s instanceof org.tuskdb.sql.internal.ast.DatabaseStatements.DropDatabase) {
            // PreventInTransactionBlock when not at top level: their file work cannot be undone with the caller's transaction
            throw DatabaseException.error(SqlState.ACTIVE_SQL_TRANSACTION,
                DatabaseCommands.command((Statement.DatabaseCommand) s) + " cannot be executed from a function");
        }
        return session.utilities().execute(s, ctx).tag();
    }

    @Override
    public long generation() {
        return session.relcache().generation();
    }

    @Override
    public Object transaction() {
        return session.storage().current();
    }

    @Override
    public void checkPermissions(List<ParseState.RelationLock> locks) {
        session.checkPermissions(locks);
    }

    @Override
    public void relock(List<ParseState.RelationLock> locks) {
        for (ParseState.RelationLock l : locks) {
            if (l.mode() != null) { // a view's or a function's privilege entry: nothing to lock
                session.storage().lockRelation(l.oid(), l.mode());
            }
        }
        session.relcache().checkInvalidation();
    }

    @Override
    public void commandCounterIncrement() {
        if (session.storage().current() != null) {
            session.storage().current().commandCounterIncrement();
        }
    }

    @Override
    public void beginSubtransaction() {
        if (session.services().tablesAvailable()) {
            session.storage().transaction();
        }
        session.storage().beginSubtransaction();
        notifyMarks.push(session.notifications.mark());
    }

    /** What the session's open transaction had asked LISTEN / NOTIFY for at each open subtransaction. */
    private final java.util.ArrayDeque<Long> notifyMarks = new java.util.ArrayDeque<>();

    @Override
    public void releaseSubtransaction() {
        session.storage().releaseSubtransaction();
        notifyMarks.poll();
    }

    @Override
    public void rollbackSubtransaction() {
        session.storage().rollbackSubtransaction();
        Long mark = notifyMarks.poll();
        if (mark != null) {
            session.notifications.rollbackTo(mark);
        }
        session.relcache().checkInvalidation();
    }

    @Override
    public int[] triggerDepth() {
        return session.triggerDepth;
    }

    @Override
    public Map<Long, Compiled> functions() {
        return session.plpgsqlFunctions;
    }
}
