package org.tuskdb.sql.internal.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * The engine's pg_proc and pg_operator: candidates by name, for the analyzer's overload
 * resolution. One instance per engine, filled with the built-ins at start; a bundle that
 * contributes functions (a later issue) adds and removes its entries here.
 */
public final class FunctionRegistry {
    private final Map<String, List<FunctionDef>> functions = new ConcurrentHashMap<>();
    private final Map<String, List<FunctionDef>> operators = new ConcurrentHashMap<>();
    private final Map<String, List<TableFunctionDef>> tableFunctions = new ConcurrentHashMap<>();
    /** pg_proc over the entries above, built on first use and dropped when an entry is added. */
    private volatile PgProc procs;

    public static FunctionRegistry withBuiltins() {
        FunctionRegistry r = new FunctionRegistry();
        ArithmeticOperators.register(r);
        ComparisonOperators.register(r);
        StringFunctions.register(r);
        MathFunctions.register(r);
        DateTimeFunctions.register(r);
        TimeFunctions.register(r);
        UuidFunctions.register(r);
        JsonFunctions.register(r);
        ArrayFunctions.register(r);
        RegexFunctions.register(r);
        MoreFunctions.register(r);
        LibraryFunctions.register(r);
        AdvisoryLockFunctions.register(r);
        SystemFunctions.register(r);
        SequenceFunctions.register(r);
        DescriptionFunctions.register(r);
        SetReturningFunctions.register(r);
        CatalogFunctions.register(r);
        KeywordFunctions.register(r);
        BitwiseOperators.register(r);
        OverlapsFunctions.register(r);
        return r;
    }

    public List<FunctionDef> functions(String name) {
        return functions.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Operators with that symbol and arity (1 for prefix operators). */
    public List<FunctionDef> operators(String symbol, int arity) {
        return operators.getOrDefault(symbol + "/" + arity, List.of());
    }

    /** The set-returning functions of that name (functions in FROM). */
    public List<TableFunctionDef> tableFunctions(String name) {
        return tableFunctions.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Every function (not operators, not set-returning functions). */
    public List<FunctionDef> allFunctions() {
        List<FunctionDef> out = new ArrayList<>();
        functions.values().forEach(out::addAll);
        return out;
    }

    public List<TableFunctionDef> allTableFunctions() {
        List<TableFunctionDef> out = new ArrayList<>();
        tableFunctions.values().forEach(out::addAll);
        return out;
    }

    /** pg_proc's view of this registry. */
    public PgProc procs() {
        PgProc p = procs;
        if (p == null) {
            p = new PgProc(this);
            procs = p;
        }
        return p;
    }

    public void addTableFunction(TableFunctionDef f) {
        procs = null;
        tableFunctions.compute(f.name(), (k, list) -> {
            List<TableFunctionDef> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
            copy.add(f);
            return List.copyOf(copy);
        });
    }

    public void addFunction(FunctionDef f) {
        procs = null;
        functions.compute(f.name(), (k, list) -> append(list, f));
    }

    public void addOperator(FunctionDef f) {
        operators.compute(f.name() + "/" + f.argTypes().size(), (k, list) -> append(list, f));
    }

    private static List<FunctionDef> append(List<FunctionDef> list, FunctionDef f) {
        List<FunctionDef> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
        copy.add(f);
        return List.copyOf(copy);
    }

    // ---- shorthands for the built-in libraries -------------------------------------------

    /** A strict immutable function. */
    void fn(String name, PgType result, List<PgType> args, FunctionImpl impl) {
        addFunction(new FunctionDef(name, args, result, false, true, 'i', impl));
    }

    void fn(String name, PgType result, List<PgType> args, char volatility, FunctionImpl impl) {
        addFunction(new FunctionDef(name, args, result, false, true, volatility, impl));
    }

    /** A strict immutable binary operator. */
    void op(String symbol, PgType left, PgType right, PgType result, Binary impl) {
        addOperator(new FunctionDef(symbol, List.of(left, right), result, false, true, 'i',
            (a, c) -> impl.apply(a[0], a[1])));
    }

    void prefix(String symbol, PgType operand, PgType result, FunctionImpl impl) {
        addOperator(new FunctionDef(symbol, List.of(operand), result, false, true, 'i', impl));
    }

    @FunctionalInterface
    interface Binary {
        Value apply(Value a, Value b);
    }
}
