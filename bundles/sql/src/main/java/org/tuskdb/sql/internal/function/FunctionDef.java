package org.tuskdb.sql.internal.function;

import java.util.List;
import org.tuskdb.sql.internal.value.PgType;

/**
 * One pg_proc (or pg_operator) entry: name, argument types, result type and code. Operators
 * are FunctionDefs named by their symbol. A variadic function repeats its last argument type.
 *
 * @param strict PostgreSQL's proisstrict: NULL in any argument gives NULL without a call
 * @param volatility i(mmutable), s(table) or v(olatile), as pg_proc.provolatile
 */
public record FunctionDef(String name, List<PgType> argTypes, PgType returnType, boolean variadic, boolean strict,
                          char volatility, FunctionImpl impl) {

    /** The argument type at position i of a call with that many arguments. */
    public PgType argType(int i) {
        if (variadic && i >= argTypes.size() - 1) {
            return argTypes.get(argTypes.size() - 1);
        }
        return argTypes.get(i);
    }

    public boolean accepts(int argumentCount) {
        // a VARIADIC parameter takes at least one argument, as in PostgreSQL (concat() does not exist)
        return variadic ? argumentCount >= argTypes.size() : argumentCount == argTypes.size();
    }
}
