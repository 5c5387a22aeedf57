package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.function.FunctionRegistry;

/**
 * What analysis of one statement carries along (PostgreSQL's ParseState): the query text for
 * error positions, the catalogs to bind against, and the parameter types being inferred.
 */
public final class ParseState {
    private final String sql;
    /** 0 not yet known, 1 yes, -1 no (see {@link #systemColumns}). */
    private int systemColumns;
    private final FunctionRegistry functions;
    private final RelationLookup relations;
    private final ParamTypes params;
    private final List<RelationLock> locks = new ArrayList<>();
    private Scope scope = Scope.EMPTY;

    /** Finds (and locks) relations by name: the session's relation cache. */
    @FunctionalInterface
    public interface RelationLookup {
        /** The relation, locked in mode if a table; null only with missingOk; 42P01 at position otherwise. */
        Relation lookup(String schema, String name, LockMode mode, int position, boolean missingOk);

        /** False when the storage services are absent (table statements are then 0A000). */
        default boolean tablesAvailable() {
            return false;
        }

        RelationLookup NONE = (schema, name, mode, position, missingOk) -> {
            if (missingOk) {
                return null;
            }
            throw org.tuskdb.api.DatabaseException.atPosition(org.tuskdb.api.SqlState.UNDEFINED_TABLE,
                "relation \"" + (schema == null ? name : schema + "." + name) + "\" does not exist", position);
        };
    }

    /** A table a plan reads or writes and the lock it needs each time it runs. */
    public record RelationLock(long oid, LockMode mode) {}

    public ParseState(String sql, FunctionRegistry functions, RelationLookup relations, ParamTypes params) {
        this.sql = sql;
        this.functions = functions;
        this.relations = relations;
        this.params = params;
    }

    public FunctionRegistry functions() { return functions; }

    public boolean tablesAvailable() { return relations.tablesAvailable(); }

    public String sql() { return sql; }

    /** Whether tables of this statement get system column slots (SystemColumns rule 1); computed once. */
    boolean systemColumns() {
        if (systemColumns == 0) {
            systemColumns = sql != null && org.tuskdb.sql.internal.catalog.SystemColumns.mentionedIn(sql) ? 1 : -1;
        }
        return systemColumns > 0;
    }

    /** Looks a relation up through the session; a table found is remembered with its lock. */
    public Relation lookup(String schema, String name, LockMode mode, int offset, boolean missingOk) {
        Relation r = relations.lookup(schema, name, mode, position(offset), missingOk);
        if (r instanceof TableDescriptor t && mode != null) {
            locks.add(new RelationLock(t.oid(), mode));
        }
        return r;
    }

    /** The tables locked by analysis, which a cached plan re-locks at each execution. */
    public List<RelationLock> locks() { return List.copyOf(locks); }
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
