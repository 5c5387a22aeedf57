package org.tuskdb.sql.internal.ast;

import java.util.List;

/**
 * Raw statements. A new statement kind starts here: add a record, teach the family parser to
 * build it, and the analyzer to turn it into a query or a utility command.
 */
public sealed interface Statement {
    /** Offset of the statement's first token. */
    int location();

    record ResTarget(Expr expr, String alias, int location) {}

    /** A relation in FROM: [schema.]name [[AS] alias]. */
    record RangeVar(String schema, String name, String alias, int location) {}

    record SortBy(Expr expr, boolean descending, Boolean nullsFirst, int location) {}

    /**
     * SELECT or VALUES with the clauses table-less work needs; valuesLists is set for VALUES (and
     * then targets is empty).
     */
    record Select(boolean distinct, List<ResTarget> targets, List<RangeVar> from, Expr where,
                  List<SortBy> orderBy, Expr limit, Expr offset, List<List<Expr>> valuesLists,
                  org.tuskdb.api.heap.RowLockMode rowLock, int location) implements Statement {
        public Select(boolean distinct, List<ResTarget> targets, List<RangeVar> from, Expr where,
                      List<SortBy> orderBy, Expr limit, Expr offset, List<List<Expr>> valuesLists, int location) {
            this(distinct, targets, from, where, orderBy, limit, offset, valuesLists, null, location);
        }
    }

    /**
     * A column of CREATE TABLE: name, type, NOT NULL, DEFAULT (the expression and its source
     * text, which pg_attribute keeps).
     */
    record ColumnDef(String name, TypeName type, boolean notNull, Expr defaultExpr, String defaultText,
                     int location) {}

    /** CREATE TABLE [IF NOT EXISTS] name (columns) [WITH (options)]; options as "name=value" texts. */
    record CreateTable(RangeVar table, List<ColumnDef> columns, boolean ifNotExists, List<String> options,
                       int location) implements Statement {}

    /** DROP TABLE [IF EXISTS] a, b. */
    record DropTable(List<RangeVar> tables, boolean ifExists, int location) implements Statement {}

    /** TRUNCATE [TABLE] a, b. */
    record Truncate(List<RangeVar> tables, int location) implements Statement {}

    /**
     * INSERT INTO t [(cols)] {VALUES ... | SELECT ... | DEFAULT VALUES} [RETURNING ...]; source
     * null for DEFAULT VALUES; VALUES items may be {@link Expr.SetToDefault}.
     */
    record Insert(RangeVar table, List<String> columns, List<Integer> columnLocations, Select source,
                  List<ResTarget> returning, int location) implements Statement {}

    /** column = value (value may be {@link Expr.SetToDefault}). */
    record SetClause(String column, Expr value, int location) {}

    record Update(RangeVar table, List<SetClause> set, Expr where, List<ResTarget> returning, int location)
        implements Statement {}

    record Delete(RangeVar table, Expr where, List<ResTarget> returning, int location) implements Statement {}

    /** CHECKPOINT. */
    record Checkpoint(int location) implements Statement {}

    /** One word or constant of a SET value, already flattened to text. */
    record SetArg(String text, boolean quoted, boolean numeric) {}

    enum SetKind { VALUE, DEFAULT, RESET, RESET_ALL, TRANSACTION, SESSION_CHARACTERISTICS }

    /**
     * SET [SESSION|LOCAL] name {TO|=} value | DEFAULT, SET TIME ZONE, RESET name | ALL,
     * SET TRANSACTION ..., SET SESSION CHARACTERISTICS AS TRANSACTION ...
     */
    record VariableSet(SetKind kind, String name, List<SetArg> args, boolean local,
                       List<TransactionOption> options, int location) implements Statement {}

    /** SHOW name | SHOW ALL (name "all"). */
    record VariableShow(String name, int location) implements Statement {}

    enum TransactionKind { BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE, COMMIT_PREPARED }

    /** ISOLATION LEVEL x, READ ONLY / READ WRITE, [NOT] DEFERRABLE. */
    record TransactionOption(String name, String value) {}

    /** BEGIN/START/COMMIT (also END)/ROLLBACK (also ABORT) and the savepoint commands. */
    record Transaction(TransactionKind kind, List<TransactionOption> options, String savepoint,
                       boolean chain, int location) implements Statement {}

    /** DISCARD ALL | PLANS | SEQUENCES | TEMP. */
    record Discard(String target, int location) implements Statement {}
}
