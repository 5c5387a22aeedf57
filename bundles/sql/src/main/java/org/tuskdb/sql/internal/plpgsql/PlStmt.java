package org.tuskdb.sql.internal.plpgsql;

import java.util.List;

/**
 * The statements of the block language (pl_gram.y's PLpgSQL_stmt_*), each with the line of the
 * body it starts on (CONTEXT lines name it). Expressions and SQL statements are {@link PlQuery}s.
 */
sealed interface PlStmt {
    int line();

    /** PostgreSQL's name of the statement in CONTEXT lines ("at RAISE"). */
    String what();

    /** A declared variable: its slot, type, and DEFAULT (null: NULL). */
    record Declare(int slot, PlQuery init) {}

    /** One EXCEPTION clause: its conditions (SQLSTATEs, or class codes ending in 000, or "others"). */
    record Handler(List<String> conditions, int sqlstateSlot, int sqlerrmSlot, List<PlStmt> body) {}

    record Block(int line, String label, List<Declare> declares, List<PlStmt> body, List<Handler> handlers)
        implements PlStmt {
        public String what() { return "statement block"; }
    }

    record Assign(int line, int slot, PlQuery value) implements PlStmt {
        public String what() { return "assignment"; }
    }

    /** record.field := value (the record assigned: a %ROWTYPE one, or one a query filled). */
    record AssignField(int line, int slot, String field, PlQuery value, String shown) implements PlStmt {
        public String what() { return "assignment"; }
    }

    record If(int line, List<PlQuery> conditions, List<List<PlStmt>> branches, List<PlStmt> orElse)
        implements PlStmt {
        public String what() { return "IF"; }
    }

    /** CASE [subject] WHEN a, b THEN ...: with a subject each WHEN is {@code (subject) IN (a, b)}. */
    record Case(int line, List<PlQuery> whens, List<List<PlStmt>> branches, List<PlStmt> orElse)
        implements PlStmt {
        public String what() { return "CASE"; }
    }

    record Loop(int line, String label, List<PlStmt> body) implements PlStmt {
        public String what() { return "LOOP"; }
    }

    record While(int line, String label, PlQuery condition, List<PlStmt> body) implements PlStmt {
        public String what() { return "WHILE"; }
    }

    record ForInt(int line, String label, int slot, boolean reverse, PlQuery from, PlQuery to, PlQuery by,
                  List<PlStmt> body) implements PlStmt {
        public String what() { return "FOR with integer loop variable"; }
    }

    /** FOR target IN query LOOP: the rows into a record or the scalar variables of {@code into}. */
    record ForQuery(int line, String label, int[] into, PlQuery query, List<PlStmt> body) implements PlStmt {
        public String what() { return "FOR over SELECT rows"; }
    }

    /** FOREACH target [SLICE n] IN ARRAY expr LOOP: {@code into} one variable, or several for a composite element. */
    record ForEach(int line, String label, int[] into, int slice, PlQuery array, List<PlStmt> body) implements PlStmt {
        public String what() { return "FOREACH over array"; }
    }

    record Exit(int line, boolean isContinue, String label, PlQuery when) implements PlStmt {
        public String what() { return isContinue ? "CONTINUE" : "EXIT"; }
    }

    record Return(int line, PlQuery value) implements PlStmt {
        public String what() { return "RETURN"; }
    }

    record ReturnNext(int line, PlQuery value) implements PlStmt {
        public String what() { return "RETURN NEXT"; }
    }

    /** RETURN QUERY query, or RETURN QUERY EXECUTE {@code dynamic} [USING ...] (query null then). */
    record ReturnQuery(int line, PlQuery query, PlQuery dynamic, List<PlQuery> using) implements PlStmt {
        public String what() { return "RETURN QUERY"; }
    }

    /** EXECUTE string [INTO [STRICT] targets] [USING values]: the string analyzed and planned each time. */
    record Execute(int line, PlQuery query, int[] into, boolean strict, List<PlQuery> using) implements PlStmt {
        public String what() { return "EXECUTE"; }
    }

    /** One USING option of RAISE. */
    record RaiseOption(String name, PlQuery value) {}

    /**
     * RAISE [level] ['format', args] [USING ...]; {@code condition} a SQLSTATE given as a name or
     * SQLSTATE 'xxxxx' (null: none); a bare RAISE re-throws the handled error (format null, rethrow).
     */
    record Raise(int line, String level, String condition, String format, List<PlQuery> args,
                 List<RaiseOption> options, boolean rethrow) implements PlStmt {
        public String what() { return "RAISE"; }
    }

    record Perform(int line, PlQuery query) implements PlStmt {
        public String what() { return "PERFORM"; }
    }

    /** A SQL statement; with INTO [STRICT] its first row goes to the variables of {@code into}. */
    record Sql(int line, PlQuery statement, int[] into, boolean strict) implements PlStmt {
        public String what() { return "SQL statement"; }
    }

    /** GET DIAGNOSTICS var = ROW_COUNT, ...: the slots and the items. */
    record GetDiagnostics(int line, int[] slots, List<String> items) implements PlStmt {
        public String what() { return "GET DIAGNOSTICS"; }
    }

    record Null(int line) implements PlStmt {
        public String what() { return "NULL"; }
    }
}
