package org.tuskdb.sql.internal.function;

import java.util.List;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * A set-returning function (pg_proc.proretset): called once with its arguments, it returns a
 * set of rows of {@code columns}. {@code signature} carries the name, argument types, strictness
 * and volatility for overload resolution; its {@code impl} is never called.
 *
 * @param columns the result columns; one column for a function returning a base type (named
 *                after the function unless aliased), several for OUT parameters (json_each's key, value)
 */
public record TableFunctionDef(FunctionDef signature, List<Relation.Column> columns, Producer producer) {

    /** Starts one call. A strict function's producer is not called when an argument is NULL. */
    @FunctionalInterface
    public interface Producer {
        Rows open(Value[] args, EvalContext ctx);
    }

    /** The rows of one call, pulled: the next row (one value per column), or null at the end. */
    @FunctionalInterface
    public interface Rows {
        Value[] next();
    }

    public String name() {
        return signature.name();
    }
}
