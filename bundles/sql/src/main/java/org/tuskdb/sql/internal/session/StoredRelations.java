package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.analyze.Analyzer;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.catalog.ViewDescriptor;
import org.tuskdb.sql.internal.function.FunctionRegistry;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.plan.Planner;

/**
 * What the relation cache needs to turn stored source texts back into executable form: DEFAULT
 * and CHECK expressions ({@link StoredExpressions}) and views (the stored SELECT parsed,
 * analyzed with the loading session's names and planned).
 */
final class StoredRelations extends StoredExpressions implements RelationCache.ViewLoader {
    private final FunctionRegistry functions;

    StoredRelations(FunctionRegistry functions, ParseState.RelationLookup lookup) {
        super(functions, lookup);
        this.functions = functions;
    }

    @Override
    public ViewDescriptor loadView(long oid, String schema, long namespace, String name, String query,
                                   List<Relation.Column> columns, RelationCache.Resolver relations) {
        List<Long> tables = new ArrayList<>();
        ParseState.RelationLookup lookup = (s, n, mode, position, missingOk) -> {
            Relation r = relations.resolve(s, n);
            if (r instanceof TableDescriptor t) {
                tables.add(t.oid());
            }
            return r;
        };
        Query q = analyze(query, lookup, functions);
        return new ViewDescriptor(oid, schema, namespace, name, query, List.copyOf(columns), Planner.plan(q).root(),
            List.copyOf(tables));
    }

    /** A view's SELECT (already parsed) analyzed with the creating statement's names. */
    static Query analyzeWith(String text, Statement.Select select, ParseState ps) {
        return (Query) new Analyzer(ps, n -> n).analyze(select);
    }

    /** The stored SELECT as a query. */
    static Query analyze(String query, ParseState.RelationLookup lookup, FunctionRegistry functions) {
        List<Parser.Parsed> parsed = Parser.parse(query);
        if (parsed.size() != 1 || !(parsed.get(0).statement() instanceof Statement.Select select)) {
            throw DatabaseException.error(SqlState.INTERNAL_ERROR, "stored view query is not a SELECT");
        }
        ParseState ps = new ParseState(query, functions, lookup, ParamTypes.none());
        return (Query) new Analyzer(ps, n -> n).analyze(select);
    }
}
