package org.tuskdb.sql.internal.analyze;

import org.tuskdb.sql.internal.catalog.Catalog;
import org.tuskdb.sql.internal.function.FunctionRegistry;

/**
 * What analysis of one statement carries along (PostgreSQL's ParseState): the query text for
 * error positions, the catalogs to bind against, and the parameter types being inferred.
 */
public final class ParseState {
    private final String sql;
    private final FunctionRegistry functions;
    private final Catalog catalog;
    private final ParamTypes params;
    private Scope scope = Scope.EMPTY;

    public ParseState(String sql, FunctionRegistry functions, Catalog catalog, ParamTypes params) {
        this.sql = sql;
        this.functions = functions;
        this.catalog = catalog;
        this.params = params;
    }

    public FunctionRegistry functions() { return functions; }
    public Catalog catalog() { return catalog; }
    public ParamTypes params() { return params; }
    public Scope scope() { return scope; }

    void setScope(Scope scope) {
        this.scope = scope;
    }

    /** A 0-based offset as the 1-based character position errors carry (0: none). */
    public int position(int offset) {
        if (offset < 0 || sql == null) {
            return 0;
        }
        return sql.codePointCount(0, Math.min(offset, sql.length())) + 1;
    }
}
