package org.tuskdb.sql.internal.plpgsql;

import java.util.List;
import org.tuskdb.sql.internal.analyze.AnalyzedStatement;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.plan.Plan;

/**
 * What the interpreter needs from the session it runs in (PostgreSQL's SPI): analysis and
 * planning of embedded statements with the session's catalog, utility statements, the command
 * counter, subtransactions for blocks with EXCEPTION handlers, and the per-session cache of
 * compiled functions.
 */
public interface Spi {
    /** A state for analyzing {@code sql}: the session's functions and relations, {@code params} as $n. */
    ParseState parseState(String sql, ParamTypes params);

    /** Analysis of one statement in {@code ps}. */
    AnalyzedStatement analyze(ParseState ps, Statement s);

    /** The plan of an analyzed Query or ModifyQuery. */
    Plan plan(AnalyzedStatement a);

    /** Runs a utility statement (CREATE TABLE, SET, ...); its command tag. */
    String utility(Statement s, EvalContext ctx);

    /** The relation cache's generation: a plan made under another one is made anew. */
    long generation();

    /** The current storage transaction (identity only), or null. */
    Object transaction();

    /** Takes the locks a plan made in an earlier transaction needs, then the catalog invalidations. */
    void relock(List<ParseState.RelationLock> locks);

    /** The privileges the statement's plan needs, for the current user (42501 when lacking). */
    default void checkPermissions(List<ParseState.RelationLock> locks) {
    }

    void commandCounterIncrement();

    /** A subtransaction for a block with EXCEPTION handlers (an internal savepoint). */
    void beginSubtransaction();

    void releaseSubtransaction();

    /** Undoes the innermost subtransaction's changes and ends it. */
    void rollbackSubtransaction();

    /** The session's compiled functions, by pg_proc oid. */
    java.util.Map<Long, Compiled> functions();

    /** How deep trigger firings nest right now: the session's one counter (index 0). */
    int[] triggerDepth();

    /** A compiled function: its tree, for the body text it was made from. */
    record Compiled(String body, long generation, PlFunction function) {}
}
