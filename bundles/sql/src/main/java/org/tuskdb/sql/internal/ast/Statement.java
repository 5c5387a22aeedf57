package org.tuskdb.sql.internal.ast;

import java.util.List;

/**
 * Raw statements. A new statement kind starts here: add a record, teach the family parser to
 * build it, and the analyzer to turn it into a query or a utility command.
 */
public sealed interface Statement {
    /** Roles and privileges statements (see {@link RoleStatements}). */
    non-sealed interface RoleCommand extends Statement {}

    /** CREATE / ALTER / DROP DATABASE (see {@link DatabaseStatements}). */
    non-sealed interface DatabaseCommand extends Statement {}

    /** Offset of the statement's first token. */
    int location();

    record ResTarget(Expr expr, String alias, int location) {}

    /** A relation in FROM: [schema.]name [[AS] alias]. */
    record RangeVar(String schema, String name, String alias, int location) {}

    record SortBy(Expr expr, boolean descending, Boolean nullsFirst, int location) {}

    /** An item of FROM: a table, a derived table or a join. */
    sealed interface FromItem {
        int location();
    }

    /** A table or CTE name in FROM, with optional column aliases {@code t (a, b)}. */
    record FromTable(RangeVar rel, List<String> columnAliases, int location) implements FromItem {}

    /** (SELECT ...) [AS] alias [(columns)]. */
    record FromSubquery(Select query, String alias, List<String> columnAliases, int location) implements FromItem {}

    /** A function call in FROM: {@code f(args) [WITH ORDINALITY] [[AS] alias [(columns)]]}. */
    record FromFunction(Expr.FuncCall call, boolean ordinality, String alias, List<String> columnAliases,
                        ColumnDefinitions columnDefinitions, int location) implements FromItem {}

    /** A function's column definition list in FROM, {@code AS [alias] (a int, b text)}: names, types, where the list starts. */
    record ColumnDefinitions(List<String> names, List<TypeName> types, int location) {}

    /** {@code WINDOW name AS (spec)}: a named window of a SELECT. */
    record WindowDef(String name, Expr.WindowSpec spec, int location) {}

    /** LATERAL before a derived table or function: it may reference the FROM items before it. */
    record FromLateral(FromItem item, int location) implements FromItem {}

    enum JoinKind { CROSS, INNER, LEFT, RIGHT, FULL }

    /** a [NATURAL] {CROSS|INNER|LEFT|RIGHT|FULL} JOIN b [ON expr | USING (cols)] [[AS] alias [(cols)]]. */
    record FromJoin(JoinKind kind, FromItem left, FromItem right, Expr on, List<String> using, boolean natural,
                    String alias, List<String> columnAliases, int location) implements FromItem {}

    enum SetOpKind { UNION, INTERSECT, EXCEPT }

    /** left UNION/INTERSECT/EXCEPT [ALL] right (each side a Select, maybe itself a set operation). */
    record SetOp(SetOpKind kind, boolean all, Select left, Select right, int location) {}

    /**
     * name [(columns)] AS (query) of WITH; a data-modifying CTE has {@code modify} (an INSERT,
     * UPDATE or DELETE, maybe a {@link WithModify}) and query null.
     */
    record CommonTableExpr(String name, List<String> columns, Select query, int location, Statement modify) {
        public CommonTableExpr(String name, List<String> columns, Select query, int location) {
            this(name, columns, query, location, null);
        }
    }

    /** WITH ... INSERT | UPDATE | DELETE: the body's CTEs come first (PostgreSQL's Query.cteList). */
    record WithModify(WithClause with, Statement body, int location) implements Statement {}

    record WithClause(boolean recursive, List<CommonTableExpr> ctes, int location) {}

    /**
     * SELECT, VALUES, or a set operation ({@code setOp} set: targets and from are then empty and
     * orderBy/limit/offset apply to the whole); valuesLists is set for VALUES (and then targets is
     * empty). distinctOn is non-null for DISTINCT ON (distinct is then true too). withTies: FETCH
     * FIRST n ROWS WITH TIES.
     */
    record Select(boolean distinct, List<ResTarget> targets, List<FromItem> from, Expr where,
                  List<SortBy> orderBy, Expr limit, Expr offset, List<List<Expr>> valuesLists,
                  RowLock rowLock, int location, List<Expr> distinctOn, List<Expr> groupBy,
                  Expr having, SetOp setOp, WithClause with, List<WindowDef> windows, boolean withTies)
        implements Statement {
        /** Without FETCH FIRST ... WITH TIES. */
        public Select(boolean distinct, List<ResTarget> targets, List<FromItem> from, Expr where,
                      List<SortBy> orderBy, Expr limit, Expr offset, List<List<Expr>> valuesLists,
                      RowLock rowLock, int location, List<Expr> distinctOn, List<Expr> groupBy,
                      Expr having, SetOp setOp, WithClause with, List<WindowDef> windows) {
            this(distinct, targets, from, where, orderBy, limit, offset, valuesLists, rowLock, location, distinctOn,
                groupBy, having, setOp, with, windows, false);
        }

        public Select(boolean distinct, List<ResTarget> targets, List<FromItem> from, Expr where,
                      List<SortBy> orderBy, Expr limit, Expr offset, List<List<Expr>> valuesLists,
                      RowLock rowLock, int location, List<Expr> distinctOn, List<Expr> groupBy,
                      Expr having, SetOp setOp, WithClause with) {
            this(distinct, targets, from, where, orderBy, limit, offset, valuesLists, rowLock, location, distinctOn,
                groupBy, having, setOp, with, List.of());
        }

        public Select(boolean distinct, List<ResTarget> targets, List<FromItem> from, Expr where,
                      List<SortBy> orderBy, Expr limit, Expr offset, List<List<Expr>> valuesLists,
                      RowLock rowLock, int location) {
            this(distinct, targets, from, where, orderBy, limit, offset, valuesLists, rowLock, location, null,
                List.of(), null, null, null);
        }

        public Select(boolean distinct, List<ResTarget> targets, List<FromItem> from, Expr where,
                      List<SortBy> orderBy, Expr limit, Expr offset, List<List<Expr>> valuesLists, int location) {
            this(distinct, targets, from, where, orderBy, limit, offset, valuesLists, null, location);
        }

        /** The same statement with other ORDER BY / LIMIT / OFFSET / locking / WITH. */
        public Select withTail(List<SortBy> orderBy, Expr limit, Expr offset, RowLock rowLock,
                               WithClause with) {
            return new Select(distinct, targets, from, where, orderBy, limit, offset, valuesLists, rowLock, location,
                distinctOn, groupBy, having, setOp, with, windows, withTies);
        }

        /** The same statement with FETCH FIRST ... WITH TIES (its limit keeps the rows tied with the last). */
        public Select withTies(boolean ties) {
            return new Select(distinct, targets, from, where, orderBy, limit, offset, valuesLists, rowLock, location,
                distinctOn, groupBy, having, setOp, with, windows, ties);
        }
    }

    /**
     * A column of CREATE TABLE: name, type, NOT NULL, DEFAULT (the expression and its source
     * text, which pg_attribute keeps).
     */
    /**
     * A column definition; {@code generated}: GENERATED ALWAYS AS (expr) STORED, whose expression
     * and source text are then defaultExpr / defaultText (stored in pg_attrdef as a DEFAULT is).
     */
    record ColumnDef(String name, TypeName type, boolean notNull, Expr defaultExpr, String defaultText,
                     int location, List<ConstraintDef> constraints, String identity, boolean explicitNull,
                     SequenceOptions identityOptions, boolean generated) {
        public ColumnDef(String name, TypeName type, boolean notNull, Expr defaultExpr, String defaultText,
                         int location) {
            this(name, type, notNull, defaultExpr, defaultText, location, List.of(), null, false, null, false);
        }

        public ColumnDef(String name, TypeName type, boolean notNull, Expr defaultExpr, String defaultText,
                         int location, List<ConstraintDef> constraints, String identity, boolean explicitNull,
                         SequenceOptions identityOptions) {
            this(name, type, notNull, defaultExpr, defaultText, location, constraints, identity, explicitNull,
                identityOptions, false);
        }
    }

    enum ConstraintKind { CHECK, PRIMARY_KEY, UNIQUE, FOREIGN_KEY }

    /**
     * A column or table constraint (name null when unnamed): CHECK (expression and its source
     * text), PRIMARY KEY / UNIQUE (columns; empty for a column constraint: that column), FOREIGN
     * KEY (columns, referenced table and columns, ON DELETE / ON UPDATE as pg_constraint's
     * one-letter codes a/r/c/n/d).
     */
    record ConstraintDef(String name, ConstraintKind kind, Expr check, String checkText, List<String> columns,
                         RangeVar refTable, List<String> refColumns, String onDelete, String onUpdate, int location,
                         int checkLocation, boolean deferrable, boolean initiallyDeferred, boolean matchFull) {
        public ConstraintDef(String name, ConstraintKind kind, Expr check, String checkText, List<String> columns,
                             RangeVar refTable, List<String> refColumns, String onDelete, String onUpdate,
                             int location, int checkLocation) {
            this(name, kind, check, checkText, columns, refTable, refColumns, onDelete, onUpdate, location,
                checkLocation, false, false, false);
        }

        /** A FOREIGN KEY's [NOT] DEFERRABLE / INITIALLY DEFERRED | IMMEDIATE and MATCH FULL. */
        public ConstraintDef withDeferral(boolean isDeferrable, boolean isInitiallyDeferred, boolean isMatchFull) {
            return new ConstraintDef(name, kind, check, checkText, columns, refTable, refColumns, onDelete, onUpdate,
                location, checkLocation, isDeferrable, isInitiallyDeferred, isMatchFull);
        }

        /** checkLocation: the CHECK expression's leftmost token (where PostgreSQL's errors about it point). */
        public ConstraintDef(String name, ConstraintKind kind, Expr check, String checkText, List<String> columns,
                             RangeVar refTable, List<String> refColumns, String onDelete, String onUpdate,
                             int location) {
            this(name, kind, check, checkText, columns, refTable, refColumns, onDelete, onUpdate, location, location);
        }
    }

    /**
     * CREATE [TEMP | UNLOGGED] TABLE [IF NOT EXISTS] name (columns, constraints) [WITH (options)];
     * options as "name=value" texts.
     */
    /** ON COMMIT of a temporary table (null when the statement has none). */
    enum OnCommit { PRESERVE_ROWS, DELETE_ROWS, DROP }

    record CreateTable(RangeVar table, List<ColumnDef> columns, boolean ifNotExists, List<String> options,
                       int location, List<ConstraintDef> constraints, boolean temporary, List<TableLike> likes,
                       boolean unlogged, OnCommit onCommit, PartitionSpecs.PartitionBy partitionBy,
                       PartitionSpecs.PartitionOf partitionOf)
        implements Statement {
        public CreateTable(RangeVar table, List<ColumnDef> columns, boolean ifNotExists, List<String> options,
                           int location, List<ConstraintDef> constraints, boolean temporary, List<TableLike> likes,
                           boolean unlogged, OnCommit onCommit) {
            this(table, columns, ifNotExists, options, location, constraints, temporary, likes, unlogged, onCommit,
                null, null);
        }

        /** The same statement with other columns, constraints and LIKE elements (partitioning kept). */
        public CreateTable withDefinitions(List<ColumnDef> defs, List<ConstraintDef> cons, List<TableLike> like) {
            return new CreateTable(table, defs, ifNotExists, options, location, cons, temporary, like, unlogged,
                onCommit, partitionBy, partitionOf);
        }

        public CreateTable(RangeVar table, List<ColumnDef> columns, boolean ifNotExists, List<String> options,
                           int location, List<ConstraintDef> constraints, boolean temporary, List<TableLike> likes,
                           boolean unlogged) {
            this(table, columns, ifNotExists, options, location, constraints, temporary, likes, unlogged, null);
        }

        public CreateTable(RangeVar table, List<ColumnDef> columns, boolean ifNotExists, List<String> options,
                           int location, List<ConstraintDef> constraints, boolean temporary, List<TableLike> likes) {
            this(table, columns, ifNotExists, options, location, constraints, temporary, likes, false);
        }

        public CreateTable(RangeVar table, List<ColumnDef> columns, boolean ifNotExists, List<String> options,
                           int location) {
            this(table, columns, ifNotExists, options, location, List.of(), false);
        }

        public CreateTable(RangeVar table, List<ColumnDef> columns, boolean ifNotExists, List<String> options,
                           int location, List<ConstraintDef> constraints, boolean temporary) {
            this(table, columns, ifNotExists, options, location, constraints, temporary, List.of());
        }
    }

    /**
     * A {@code LIKE source [INCLUDING | EXCLUDING option ...]} element of CREATE TABLE: its columns
     * go before {@code columns.get(position)} (PostgreSQL's TableLikeClause); {@code options} is a
     * set of the {@code LIKE_*} bits.
     */
    record TableLike(RangeVar source, int options, int position, int location) {
        public static final int LIKE_COMMENTS = 1, LIKE_COMPRESSION = 2, LIKE_CONSTRAINTS = 4, LIKE_DEFAULTS = 8,
            LIKE_GENERATED = 16, LIKE_IDENTITY = 32, LIKE_INDEXES = 64, LIKE_STATISTICS = 128, LIKE_STORAGE = 256,
            LIKE_ALL = 511;
    }

    /** DROP TABLE [IF EXISTS] a, b [CASCADE | RESTRICT]. */
    record DropTable(List<RangeVar> tables, boolean ifExists, int location, boolean cascade) implements Statement {
        public DropTable(List<RangeVar> tables, boolean ifExists, int location) {
            this(tables, ifExists, location, false);
        }
    }

    /** DROP SEQUENCE | VIEW | SCHEMA [IF EXISTS] names [CASCADE | RESTRICT] (kind in upper case). */
    record DropObjects(String kind, List<RangeVar> names, boolean ifExists, boolean cascade, int location)
        implements Statement {}

    /**
     * CREATE SEQUENCE's options (also a serial's or identity's sequence); null fields were not
     * given. ownedBy is [table, column] or [] for OWNED BY NONE, null when not given.
     */
    record SequenceOptions(TypeName asType, Long increment, Long min, boolean noMin, Long max, boolean noMax,
                           Long start, Long cache, Boolean cycle, List<String> ownedBy, boolean restart,
                           Long restartWith, RangeVar sequenceName) {
        public static final SequenceOptions NONE = new SequenceOptions(null, null, null, false, null, false, null, null,
            null, null, false, null, null);
    }

    /** ALTER SEQUENCE [IF EXISTS] name options (RESTART [WITH n] among them). */
    record AlterSequence(RangeVar name, boolean ifExists, SequenceOptions options, int location) implements Statement {}

    record CreateSequence(RangeVar name, boolean ifNotExists, SequenceOptions options, boolean temporary, int location)
        implements Statement {}

    /** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role] | AUTHORIZATION role (name null: the role's). */
    record CreateSchema(String name, boolean ifNotExists, String authorization, int location) implements Statement {}

    /**
     * CREATE [OR REPLACE] [TEMP] VIEW name [(columns)] [WITH (options)] AS query [WITH [CASCADED |
     * LOCAL] CHECK OPTION]; queryText is the query's source, options the reloptions given (the
     * check option as check_option).
     */
    record CreateView(RangeVar name, List<String> columnNames, Select query, String queryText, boolean orReplace,
                      boolean temporary, int location, List<String[]> options) implements Statement {}

    /** One parameter of CREATE FUNCTION: [name] type [DEFAULT expr] (defaultText its source, or null). */
    /** A parameter: mode i (IN), o (OUT), b (INOUT) or t (a RETURNS TABLE column), as pg_proc.proargmodes. */
    record FunctionParam(String name, TypeName type, Expr defaultExpr, String defaultText, int location, char mode) {}

    /**
     * CREATE [OR REPLACE] FUNCTION name (params) RETURNS [SETOF] type options AS 'body' | RETURN expr |
     * BEGIN ATOMIC ... END. body is the text the function runs (for the SQL-standard forms the
     * statements, sqlBody true); bodyOffset where it starts in the query string (-1 when its text
     * is not there literally); language null when not given; volatility i, s or v.
     */
    record CreateFunction(RangeVar name, List<FunctionParam> params, TypeName returnType, boolean setof,
                          boolean returnsTable, String language, String body, int bodyOffset, boolean sqlBody, char volatility,
                          boolean strict, boolean orReplace, int location) implements Statement {}

    /** DO [LANGUAGE lang] 'body': an anonymous PL/pgSQL block. */
    record Do(String language, String body, int location) implements Statement {}

    /** A function named by DROP FUNCTION: name, and its argument types when given (null: none). */
    record FunctionRef(RangeVar name, List<TypeName> argTypes, int location) {}

    /** DROP FUNCTION [IF EXISTS] f [(types)], ... [CASCADE | RESTRICT]. */
    record DropFunction(List<FunctionRef> functions, boolean ifExists, boolean cascade, int location)
        implements Statement {}

    /**
     * CREATE [OR REPLACE] TRIGGER name {BEFORE | AFTER | INSTEAD OF} events ON table [FOR [EACH]
     * {ROW | STATEMENT}] [WHEN (cond)] EXECUTE {FUNCTION | PROCEDURE} f(args): {@code timing} 'B', 'A'
     * or 'I'; {@code events} bits of pg_trigger.tgtype (INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32);
     * {@code columns} UPDATE OF's list (empty: none); {@code when} the condition's source text (null:
     * none) at {@code whenOffset} of the statement's text; {@code args} the literal arguments as text.
     */
    record CreateTrigger(String name, boolean orReplace, char timing, int events, List<String> columns, RangeVar table,
                         boolean row, Expr when, String whenText, RangeVar function, List<String> args, int location)
        implements Statement {}

    /** DROP TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]. */
    record DropTrigger(String name, RangeVar table, boolean ifExists, boolean cascade, int location)
        implements Statement {}

    /** ALTER TRIGGER name ON table RENAME TO newName. */
    record RenameTrigger(String name, RangeVar table, String newName, int location) implements Statement {}

    /** ALTER FUNCTION f [(types)] OWNER TO role. */
    record AlterFunctionOwner(FunctionRef function, String role, int location) implements Statement {}

    /**
     * COMMENT ON TABLE t | COLUMN t.c | SEQUENCE s | VIEW v | SCHEMA s | EXTENSION e | INDEX i | TYPE t |
     * DOMAIN d | FUNCTION / PROCEDURE / ROUTINE f [(types)] | TRIGGER n ON t | CONSTRAINT n ON [DOMAIN] t
     * IS 'text' | NULL. {@code function} is the routine's reference, {@code type} the TYPE / DOMAIN's name,
     * {@code on} the table (or domain, {@code onDomain}) of a trigger or constraint; null otherwise.
     */
    record CommentOn(String kind, List<String> names, String comment, int location, FunctionRef function,
                     TypeName type, RangeVar on, boolean onDomain) implements Statement {
        public CommentOn(String kind, List<String> names, String comment, int location) {
            this(kind, names, comment, location, null, null, null, false);
        }
    }

    /** ALTER SCHEMA name OWNER TO role. */
    record AlterSchemaOwner(String schema, String role, int location) implements Statement {}

    /** ALTER TABLE [IF EXISTS] name action [, ...]. */
    record AlterTable(RangeVar table, boolean ifExists, List<AlterCmd> commands, int location) implements Statement {}

    /**
     * ALTER INDEX [IF EXISTS] name RENAME TO newName, SET (option = value, ...) or RESET (option,
     * ...): exactly one of {@code newName}, {@code set}, {@code reset} is non-null.
     */
    record AlterIndex(RangeVar index, boolean ifExists, String newName, List<String> set, List<String> reset,
                      int location) implements Statement {}

    /** One ALTER TABLE action. */
    sealed interface AlterCmd {
        int location();
    }

    record AddColumn(ColumnDef column, boolean ifNotExists, int location) implements AlterCmd {}

    record DropColumn(String column, boolean ifExists, boolean cascade, int location) implements AlterCmd {}

    record RenameColumn(String column, String newName, int location) implements AlterCmd {}

    record RenameTable(String newName, int location) implements AlterCmd {}

    /** SET SCHEMA name (ALTER VIEW's). */
    record SetSchema(String schema, int location) implements AlterCmd {}

    /** SET (name = value, ...) or RESET (name, ...): reloptions; each item {name, value or null}. */
    record SetOptions(List<String[]> options, boolean reset, int location) implements AlterCmd {}

    /** SET DEFAULT expr (expr null: DROP DEFAULT). */
    record ColumnDefault(String column, Expr expr, String text, int location) implements AlterCmd {}

    record ColumnNotNull(String column, boolean notNull, int location) implements AlterCmd {}

    /** ALTER COLUMN c DROP EXPRESSION [IF EXISTS]: a stored generated column becomes a plain one. */
    record DropExpression(String column, boolean ifExists, int location) implements AlterCmd {}

    /** ALTER COLUMN c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]: identity a or d. */
    record AddIdentity(String column, String identity, SequenceOptions options, int location) implements AlterCmd {}

    /** OWNER TO role (Tusk has one role: checked and kept). */
    record OwnerTo(String role, int location) implements AlterCmd {}

    /** SET LOGGED / SET UNLOGGED. */
    record SetLogged(boolean logged, int location) implements AlterCmd {}

    record ColumnType(String column, TypeName type, Expr using, int location) implements AlterCmd {}

    /** ADD table_constraint [NOT VALID] (notValid: existing rows are not checked, convalidated false). */
    record AddConstraint(ConstraintDef constraint, int location, boolean notValid) implements AlterCmd {
        public AddConstraint(ConstraintDef constraint, int location) {
            this(constraint, location, false);
        }
    }

    /** RENAME CONSTRAINT name TO newName (a PRIMARY KEY / UNIQUE constraint's index is renamed too). */
    record RenameConstraint(String name, String newName, int location) implements AlterCmd {}

    /**
     * ALTER TABLE ... {ENABLE [REPLICA | ALWAYS] | DISABLE} TRIGGER {name | ALL | USER}: {@code name}
     * null for ALL / USER; {@code enabled} pg_trigger.tgenabled's new value (O, D, R, A).
     */
    record SetTriggerEnabled(String name, char enabled, int location) implements AlterCmd {}

    /**
     * ADD [CONSTRAINT name] {PRIMARY KEY | UNIQUE} USING INDEX index: an existing unique index
     * becomes the constraint's (renamed to {@code name} when one is given).
     */
    record AddConstraintUsingIndex(String name, boolean primary, String index, boolean deferrable, int location)
        implements AlterCmd {}

    /** VALIDATE CONSTRAINT name: checks the existing rows against a NOT VALID constraint. */
    record ValidateConstraint(String name, int location) implements AlterCmd {}

    /** ATTACH PARTITION name FOR VALUES ... (the only action of its ALTER TABLE, as in gram.y). */
    record AttachPartition(RangeVar partition, PartitionSpecs.Bound bound, int location) implements AlterCmd {}

    /** DETACH PARTITION name [CONCURRENTLY | FINALIZE]. */
    record DetachPartition(RangeVar partition, boolean concurrently, boolean finalizeDetach, int location)
        implements AlterCmd {}

    record DropConstraint(String name, boolean ifExists, int location, boolean cascade) implements AlterCmd {
        public DropConstraint(String name, boolean ifExists, int location) {
            this(name, ifExists, location, false);
        }
    }

    /**
     * One key column of CREATE INDEX: a column name or (with {@code expression} non-null, column
     * null) an expression, ASC/DESC, NULLS FIRST/LAST (null: the direction's default).
     */
    record IndexElem(String column, Expr expression, boolean descending, Boolean nullsFirst, int location) {
        public IndexElem(String column, boolean descending, Boolean nullsFirst, int location) {
            this(column, null, descending, nullsFirst, location);
        }
    }

    /**
     * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING btree] (columns) [WHERE predicate]
     * ({@code predicate} null: not a partial index).
     */
    record CreateIndex(String name, RangeVar table, boolean unique, boolean ifNotExists, List<IndexElem> columns,
                       Expr predicate, int location, boolean concurrently) implements Statement {
        public CreateIndex(String name, RangeVar table, boolean unique, boolean ifNotExists, List<IndexElem> columns,
                           int location) {
            this(name, table, unique, ifNotExists, columns, null, location);
        }

        public CreateIndex(String name, RangeVar table, boolean unique, boolean ifNotExists, List<IndexElem> columns,
                           Expr predicate, int location) {
            this(name, table, unique, ifNotExists, columns, predicate, location, false);
        }
    }

    /** DROP INDEX [CONCURRENTLY] [IF EXISTS] names [CASCADE | RESTRICT]. */
    record DropIndex(List<RangeVar> names, boolean ifExists, boolean cascade, int location, boolean concurrently)
        implements Statement {
        public DropIndex(List<RangeVar> names, boolean ifExists, boolean cascade, int location) {
            this(names, ifExists, cascade, location, false);
        }
    }


    /**
     * COPY table [(columns)] FROM STDIN / TO STDOUT, or COPY (query) TO STDOUT; {@code file} is
     * a file name (or a PROGRAM's command line), null for STDIN / STDOUT.
     */
    record Copy(RangeVar table, List<String> columns, Select query, boolean from, String file, boolean program,
                List<CopyOption> options, int location) implements Statement {}

    /** One COPY option as written: its name (lower case) and value (null when none). */
    record CopyOption(String name, String value, int location) {}

    /**
     * CREATE [TEMP] TABLE [IF NOT EXISTS] t [(names)] AS query [WITH [NO] DATA], and
     * SELECT ... INTO [TEMP] [TABLE] t ... (selectInto: its command tag is always "SELECT n").
     */
    record CreateTableAs(RangeVar table, List<String> columnNames, Select query, boolean ifNotExists,
                         boolean temporary, boolean withData, boolean selectInto, int location, OnCommit onCommit)
        implements Statement {
        public CreateTableAs(RangeVar table, List<String> columnNames, Select query, boolean ifNotExists,
                             boolean temporary, boolean withData, boolean selectInto, int location) {
            this(table, columnNames, query, ifNotExists, temporary, withData, selectInto, location, null);
        }
    }

    /** CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [(columns)] AS query [WITH [NO] DATA]; queryText its source. */
    record CreateMatview(RangeVar name, List<String> columnNames, Select query, String queryText, boolean ifNotExists,
                         boolean withData, int location) implements Statement {}

    /** REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]. */
    record RefreshMatview(RangeVar name, boolean concurrently, boolean withData, int location) implements Statement {}

    /** ALTER MATERIALIZED VIEW [IF EXISTS] name RENAME ...: ALTER TABLE's rename on a materialized view. */
    /** ALTER VIEW: ALTER TABLE's form of its actions, on a view only. */
    record AlterView(AlterTable alter) implements Statement {
        public int location() {
            return alter.location();
        }
    }

    record AlterMatview(AlterTable alter) implements Statement {
        public int location() {
            return alter.location();
        }
    }

    /** LOCK [TABLE] names [IN mode MODE] [NOWAIT]. */
    record LockTable(List<RangeVar> tables, org.tuskdb.api.xact.LockMode mode, boolean nowait, int location)
        implements Statement {}

    /** REINDEX [(options)] INDEX | TABLE | SCHEMA | DATABASE | SYSTEM [CONCURRENTLY] name. */
    record Reindex(String kind, RangeVar name, boolean concurrently, boolean verbose, int location)
        implements Statement {}

    /** TRUNCATE [TABLE] a, b [RESTART IDENTITY] [CASCADE]. */
    record Truncate(List<RangeVar> tables, int location, boolean restartIdentity, boolean cascade)
        implements Statement {
        public Truncate(List<RangeVar> tables, int location) {
            this(tables, location, false, false);
        }
    }

    /**
     * INSERT INTO t [(cols)] {VALUES ... | SELECT ... | DEFAULT VALUES} [RETURNING ...]; source
     * null for DEFAULT VALUES; VALUES items may be {@link Expr.SetToDefault}.
     */
    record Insert(RangeVar table, List<String> columns, List<Integer> columnLocations, Select source,
                  List<ResTarget> returning, int location, String overriding, OnConflict onConflict)
        implements Statement {
        public Insert(RangeVar table, List<String> columns, List<Integer> columnLocations, Select source,
                      List<ResTarget> returning, int location) {
            this(table, columns, columnLocations, source, returning, location, null, null);
        }

        public Insert(RangeVar table, List<String> columns, List<Integer> columnLocations, Select source,
                      List<ResTarget> returning, int location, String overriding) {
            this(table, columns, columnLocations, source, returning, location, overriding, null);
        }
    }

    /**
     * ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ... [WHERE ...]:
     * columns null and constraint null when no arbiter is named.
     */
    record OnConflict(List<String> columns, List<Integer> columnLocations, String constraint, boolean doUpdate,
                      List<SetClause> set, Expr where, int location, List<Expr> expressions, Expr inferenceWhere) {
        public OnConflict(List<String> columns, List<Integer> columnLocations, String constraint, boolean doUpdate,
                          List<SetClause> set, Expr where, int location) {
            this(columns, columnLocations, constraint, doUpdate, set, where, location, List.of(), null);
        }
    }

    /** column = value (value may be {@link Expr.SetToDefault}). */
    record SetClause(String column, Expr value, int location, List<String> fields) {
        public SetClause(String column, Expr value, int location) {
            this(column, value, location, List.of());
        }
    }

    /** SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}; names empty for ALL. */
    record SetConstraints(List<String> names, boolean deferred, int location) implements Statement {}

    /** UPDATE; {@code from} is UPDATE ... FROM's list (empty without). */
    record Update(RangeVar table, List<SetClause> set, List<FromItem> from, Expr where, List<ResTarget> returning,
                  int location) implements Statement {
        public Update(RangeVar table, List<SetClause> set, Expr where, List<ResTarget> returning, int location) {
            this(table, set, List.of(), where, returning, location);
        }
    }

    /** DELETE; {@code using} is DELETE ... USING's list (empty without). */
    record Delete(RangeVar table, List<FromItem> using, Expr where, List<ResTarget> returning, int location)
        implements Statement {
        public Delete(RangeVar table, Expr where, List<ResTarget> returning, int location) {
            this(table, List.of(), where, returning, location);
        }
    }

    /**
     * MERGE INTO target [[AS] alias] USING source ON condition followed by its WHEN clauses in
     * order (PostgreSQL 15's MergeStmt: no RETURNING; a WITH before it is WithModify's).
     */
    record Merge(RangeVar target, FromItem source, Expr on, List<MergeWhen> whens, int location)
        implements Statement {}

    /** What a WHEN clause of MERGE does. */
    enum MergeAction { UPDATE, DELETE, INSERT, NOTHING }

    /**
     * WHEN [NOT] MATCHED [AND condition] THEN action: {@code set} for UPDATE; for INSERT the
     * column list (null for all) and the values (null for DEFAULT VALUES, items may be
     * {@link Expr.SetToDefault}) and OVERRIDING's word.
     */
    record MergeWhen(boolean matched, Expr condition, MergeAction action, List<SetClause> set, List<String> columns,
                     List<Integer> columnLocations, List<Expr> values, String overriding, int location) {}

    /** EXPLAIN [(options)] statement (SELECT, VALUES, INSERT, UPDATE, DELETE). */
    record Explain(org.tuskdb.sql.internal.plan.explain.ExplainOptions options, Statement statement, int location)
        implements Statement {}

    /** CHECKPOINT. */
    record Checkpoint(int location) implements Statement {}

    /** CREATE EXTENSION; nameLocation: the offset of the name (errors point there). */
    record CreateExtension(String name, boolean ifNotExists, String schema, String version, boolean cascade,
                           int nameLocation, int location) implements Statement {}

    record DropExtension(List<String> names, boolean ifExists, boolean cascade, int location) implements Statement {}

    /** ALTER EXTENSION name UPDATE [TO version] (schema null) or SET SCHEMA schema. */
    record AlterExtension(String name, String version, String schema, int location) implements Statement {}

    /** LISTEN channel. */
    record Listen(String channel, int location) implements Statement {}

    /** UNLISTEN channel, or UNLISTEN * (channel null). */
    record Unlisten(String channel, int location) implements Statement {}

    /** NOTIFY channel [, 'payload'] (payload null when absent). */
    record Notify(String channel, String payload, int location) implements Statement {}

    /**
     * VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(columns)], ...], VACUUM (options) ...,
     * ANALYZE [VERBOSE] [table [(columns)], ...]: {@code vacuum} false for ANALYZE alone.
     */
    record Vacuum(boolean vacuum, boolean full, boolean analyze, List<VacuumTarget> targets, int location)
        implements Statement {}

    /** One table of VACUUM / ANALYZE and its column list (empty: all). */
    record VacuumTarget(RangeVar table, List<String> columns) {}

    /** PREPARE name [(types)] AS statement; {@code text} is the statement's own text. */
    record Prepare(String name, List<TypeName> types, Statement statement, String text, int location)
        implements Statement {}

    /** EXECUTE name [(arguments)]. */
    record Execute(String name, List<Expr> arguments, int location) implements Statement {}

    /** DEALLOCATE [PREPARE] {name | ALL}; {@code name} null for ALL. */
    record Deallocate(String name, int location) implements Statement {}

    /** One word or constant of a SET value, already flattened to text. */
    record SetArg(String text, boolean quoted, boolean numeric) {}

    /** CURRENT: SET name FROM CURRENT (the session's value now; what ALTER ROLE / DATABASE ... SET store). */
    enum SetKind { VALUE, DEFAULT, RESET, RESET_ALL, TRANSACTION, SESSION_CHARACTERISTICS, CURRENT }

    /**
     * SET [SESSION|LOCAL] name {TO|=} value | DEFAULT, SET TIME ZONE, RESET name | ALL,
     * SET TRANSACTION ..., SET SESSION CHARACTERISTICS AS TRANSACTION ...
     */
    record VariableSet(SetKind kind, String name, List<SetArg> args, boolean local,
                       List<TransactionOption> options, int location) implements Statement {}

    /** SHOW name | SHOW ALL (name "all"). */
    record VariableShow(String name, int location) implements Statement {}

    enum TransactionKind { BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE, COMMIT_PREPARED,
        ROLLBACK_PREPARED }

    /** ISOLATION LEVEL x, READ ONLY / READ WRITE, [NOT] DEFERRABLE. */
    record TransactionOption(String name, String value) {}

    /**
     * BEGIN/START/COMMIT (also END)/ROLLBACK (also ABORT), the savepoint commands and the
     * two-phase commands (PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED: the gid in
     * {@code savepoint}).
     */
    record Transaction(TransactionKind kind, List<TransactionOption> options, String savepoint,
                       boolean chain, int location) implements Statement {}

    /** DISCARD ALL | PLANS | SEQUENCES | TEMP. */
    record Discard(String target, int location) implements Statement {}

    // ---- user-defined types (parser/TypeParser, session/TypeCommands) ----------------------

    /** CREATE TYPE name AS ENUM ('a', ...). */
    record CreateEnum(RangeVar name, List<String> labels, int location) implements Statement {}

    /** CREATE TYPE name AS RANGE (subtype = t, ...): the parameters as written, in order. */
    record CreateRange(RangeVar name, List<RangeParameter> parameters, int location) implements Statement {}

    /**
     * One parameter of CREATE TYPE ... AS RANGE: its name, its value as a type or function name (null
     * for a string, a number or no value) and the value's text as written (null: no value).
     */
    record RangeParameter(String name, TypeName value, String text, int location) {}

    /** CREATE TYPE name AS (attribute type [COLLATE c], ...): a composite type. */
    record CreateComposite(RangeVar name, List<CompositeAttribute> attributes, int location) implements Statement {}

    /** One attribute of a composite type as written. */
    record CompositeAttribute(String name, TypeName type, int location) {}

    /** ALTER TYPE's ADD / DROP / ALTER ATTRIBUTE list of a composite type (comma-separated, in order). */
    record AlterAttributes(List<AttributeCmd> commands) implements AlterTypeAction {}

    /** One of ALTER TYPE's attribute commands. */
    sealed interface AttributeCmd {}

    /** ADD ATTRIBUTE name type. */
    record AddAttribute(CompositeAttribute attribute) implements AttributeCmd {}

    /** DROP ATTRIBUTE [IF EXISTS] name. */
    record DropAttribute(String name, boolean ifExists) implements AttributeCmd {}

    /** ALTER ATTRIBUTE name [SET DATA] TYPE type. */
    record AlterAttributeType(CompositeAttribute attribute) implements AttributeCmd {}

    /** RENAME ATTRIBUTE a TO b. */
    record RenameAttribute(String from, String to) implements AlterTypeAction {}

    /** ALTER TYPE name action (enums: ADD VALUE, RENAME VALUE; any user type: RENAME TO, SET SCHEMA, OWNER TO). */
    record AlterType(RangeVar name, AlterTypeAction action, int location) implements Statement {}

    /** What an ALTER TYPE does. */
    sealed interface AlterTypeAction {}

    /** ADD VALUE [IF NOT EXISTS] 'label' [BEFORE | AFTER 'neighbor'] (neighbor null: at the end). */
    record AddEnumValue(String label, boolean ifNotExists, String neighbor, boolean before) implements AlterTypeAction {}

    /** RENAME VALUE 'old' TO 'new'. */
    record RenameEnumValue(String from, String to) implements AlterTypeAction {}

    /** RENAME TO name. */
    record RenameType(String to) implements AlterTypeAction {}

    /** SET SCHEMA name. */
    record SetTypeSchema(String schema) implements AlterTypeAction {}

    /** OWNER TO role: accepted, a no-op (one role owns everything here). */
    record TypeOwner(String role) implements AlterTypeAction {}

    /** A domain's constraint as written: [CONSTRAINT name] NOT NULL | NULL | CHECK (expr) (text: its source). */
    record DomainConstraint(String name, boolean notNull, boolean isNull, Expr check, String checkText, int location) {}

    /** CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT expr] [constraint ...]. */
    record CreateDomain(RangeVar name, TypeName type, Expr defaultExpr, String defaultText,
                        List<DomainConstraint> constraints, int location) implements Statement {}

    /** ALTER DOMAIN name action (RENAME TO, SET SCHEMA, OWNER TO are the AlterTypeActions of ALTER TYPE). */
    record AlterDomain(RangeVar name, AlterTypeAction action, int location) implements Statement {}

    /** SET DEFAULT expr / DROP DEFAULT (null). */
    record SetDomainDefault(Expr expr, String text) implements AlterTypeAction {}

    /** SET NOT NULL / DROP NOT NULL. */
    record SetDomainNotNull(boolean notNull) implements AlterTypeAction {}

    /** ADD [CONSTRAINT c] CHECK (...) | NOT NULL. */
    record AddDomainConstraint(DomainConstraint constraint) implements AlterTypeAction {}

    /** DROP CONSTRAINT [IF EXISTS] c [CASCADE | RESTRICT]. */
    record DropDomainConstraint(String name, boolean ifExists) implements AlterTypeAction {}

    /** RENAME CONSTRAINT a TO b. */
    record RenameDomainConstraint(String from, String to) implements AlterTypeAction {}

    /** DROP TYPE / DROP DOMAIN [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    record DropType(List<RangeVar> names, boolean domain, boolean ifExists, boolean cascade, int location)
        implements Statement {}
}
