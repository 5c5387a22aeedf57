package org.tuskdb.sql.internal.analyze;

import java.util.Arrays;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.PgType;

/**
 * Types of $n parameters during analysis (PostgreSQL's variable parameters): the types Parse
 * gave, with 0 entries and parameters beyond the list starting as unknown and taking the type
 * of the first context that coerces them.
 */
public final class ParamTypes {
    private PgType[] types;
    private final int declared;
    private final boolean variable;

    /** No parameters at all: a simple Query, where $1 is an error. */
    public static ParamTypes none() {
        return new ParamTypes(new int[0], false, PgType::byOid);
    }

    /** A SQL function's body: $n are its arguments, of their declared types. */
    public static ParamTypes fixed(java.util.List<PgType> types) {
        ParamTypes p = new ParamTypes(new int[0], false, PgType::byOid);
        p.types = types.toArray(new PgType[0]);
        return p;
    }

    /** Extended protocol: the types Parse gave; more parameters may appear and be inferred. */
    public static ParamTypes variable(int[] declaredOids) {
        return new ParamTypes(declaredOids, true, PgType::byOid);
    }

    /** ... where {@code types} also knows the user-defined types (a Parse naming an enum's oid). */
    public static ParamTypes variable(int[] declaredOids, java.util.function.IntFunction<PgType> types) {
        return new ParamTypes(declaredOids, true, types);
    }

    private ParamTypes(int[] declaredOids, boolean variable, java.util.function.IntFunction<PgType> byOid) {
        this.variable = variable;
        declared = declaredOids == null ? 0 : declaredOids.length;
        types = new PgType[declared];
        for (int i = 0; i < declared; i++) {
            int oid = declaredOids[i];
            if (oid == 0) {
                types[i] = PgType.UNKNOWN;
            } else {
                PgType t = byOid.apply(oid);
                if (t == null || t.isPseudo() && t != PgType.UNKNOWN) {
                    throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "type with OID " + oid + " does not exist");
                }
                types[i] = t;
            }
        }
    }

    /** The current type of $(index+1), growing the list for a parameter seen the first time. */
    PgType typeOf(int index) {
        if (index >= types.length) {
            if (!variable) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_REFERENCE, "there is no parameter $" + (index + 1));
            }
            int old = types.length;
            types = Arrays.copyOf(types, index + 1);
            Arrays.fill(types, old, types.length, PgType.UNKNOWN);
        }
        return types[index];
    }

    void resolve(int index, PgType type) {
        typeOf(index);
        types[index] = type;
    }

    /**
     * A parameter still unknown where an unknown value is read as text (a result column, ORDER
     * BY): noted, because PostgreSQL cannot infer a type there while a literal would be text.
     */
    void defaultedToText(int index) {
        if (defaulted == null || defaulted.length <= index) {
            defaulted = Arrays.copyOf(defaulted == null ? new boolean[0] : defaulted, Math.max(index + 1, types.length));
        }
        defaulted[index] = true;
    }

    /** Whether $(index+1) took its type only by being read as text ({@link #defaultedToText}). */
    public boolean defaulted(int index) {
        return defaulted != null && index < defaulted.length && defaulted[index];
    }

    private boolean[] defaulted;

    /** The final types; any parameter still unknown is an error, as in PostgreSQL. */
    public PgType[] finish() {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == PgType.UNKNOWN) {
                throw DatabaseException.error(SqlState.INDETERMINATE_DATATYPE,
                    "could not determine data type of parameter $" + (i + 1));
            }
        }
        return types.clone();
    }
}
