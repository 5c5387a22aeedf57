package org.tuskdb.sql.internal.function;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/** The code of a function or operator; args are of the signature's types (null only if not strict). */
@FunctionalInterface
public interface FunctionImpl {
    Value call(Value[] args, EvalContext ctx);
}
