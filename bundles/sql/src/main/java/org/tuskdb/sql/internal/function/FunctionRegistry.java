package org.tuskdb.sql.internal.function;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * The engine's pg_proc and pg_operator: candidates by name, for the analyzer's overload
 * resolution. One instance per engine; a bundle that contributes functions (a later issue) adds
 * and removes its entries here.
 *
 * <p>The built-ins come in families ({@link BuiltinFamilies}), and a family is registered when
 * one of its names is first looked up, not at start: registering one spins a class for each of
 * its lambdas, which the JDK's AOT cache does not archive for bundle classes, and a backend's
 * start paid ~90 ms of CPU for all ~370 of them (benchmarks/README-startup.md, seventh
 * session). Rules that keep the lazy registry indistinguishable from registering everything in
 * family order at start:
 * <ul>
 *   <li>A lookup first registers every not yet registered family whose index
 *       ({@link BuiltinFamilies#INDEX}) has the name, so overload resolution sees every
 *       candidate. A name in no index registers every family (the unit tests keep the index
 *       complete, so that is only an unknown name's cost, once).
 *   <li>Each list keeps the order of an eager registration whatever order the families come in:
 *       an entry is inserted after the entries of families before its own and before those of
 *       families after it (its rank); entries added from outside come after every built-in.
 *   <li>A lookup made while a family registers (a family reusing another's entries) sees what an
 *       eager registration would have seen then: only the families before the registering one.
 *   <li>Listings (pg_proc, {@link #allFunctions}) register every family first.
 * </ul>
 * Families register under this object's monitor; lookups of registered names take no lock.
 */
public final class FunctionRegistry {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FunctionRegistry.class);
    /** The rank of an entry added from outside the built-in families: after all of them. */
    private static final int ADDED = Integer.MAX_VALUE;
    private static final int NOT_LOADING = -1;
    private static final long ALL = BuiltinFamilies.COUNT == 64 ? -1L : (1L << BuiltinFamilies.COUNT) - 1;

    private final Map<String, List<FunctionDef>> functions = new ConcurrentHashMap<>();
    private final Map<String, List<FunctionDef>> operators = new ConcurrentHashMap<>();
    private final Map<String, List<TableFunctionDef>> tableFunctions = new ConcurrentHashMap<>();
    /** The rank of each entry of the lists above, by key (under the monitor only). */
    private final Map<String, int[]> functionRanks = new ConcurrentHashMap<>();
    private final Map<String, int[]> operatorRanks = new ConcurrentHashMap<>();
    private final Map<String, int[]> tableFunctionRanks = new ConcurrentHashMap<>();
    private final BuiltinFamilies.Index index;
    /** Families not yet registered (completely); 0 once all are. */
    private volatile long pending;
    /** Families whose registration has begun (under the monitor only). */
    private long started;
    /** The family registering now on the thread holding the monitor, or NOT_LOADING. */
    private int loading = NOT_LOADING;
    private volatile Thread loader;
    /** pg_proc over the entries above, built on first use and dropped when an entry is added. */
    private volatile PgProc procs;
    /** pg_operator over the operators above, as {@link #procs}. */
    private volatile PgOperator operatorCatalog;

    private FunctionRegistry(BuiltinFamilies.Index index, long pending) {
        this.index = index;
        this.pending = pending;
    }

    /** A registry of the built-in functions, each family registered at the first lookup of one of its names. */
    public static FunctionRegistry withBuiltins() {
        return new FunctionRegistry(BuiltinFamilies.index(), ALL);
    }

    /**
     * The array operators and functions of one user-defined array type (mood[]), which the built-in
     * families cannot list: such types come and go with the catalog, so the analyzer makes this per
     * call that needs it.
     */
    public static FunctionRegistry ofArrayType(PgType array) {
        FunctionRegistry r = new FunctionRegistry(BuiltinFamilies.index(), 0);
        ArrayFunctions.registerFor(r, array);
        return r;
    }

    /**
     * The range operators and functions of one user-defined range type (CREATE TYPE ... AS RANGE),
     * made per call that needs them, as {@link #ofArrayType}.
     */
    public static FunctionRegistry ofRangeType(PgType range) {
        FunctionRegistry r = new FunctionRegistry(BuiltinFamilies.index(), 0);
        RangeFunctions.registerFor(r, range);
        return r;
    }

    /** A registry with every built-in registered at once, in family order (what the lazy one must equal). */
    static FunctionRegistry eager() {
        FunctionRegistry r = withBuiltins();
        r.registerAll();
        return r;
    }

    public List<FunctionDef> functions(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (pending != 0 || loader == Thread.currentThread()) {
            return lookup(functions, functionRanks, index.functions(), key);
        }
        return functions.getOrDefault(key, List.of());
    }

    /** Operators with that symbol and arity (1 for prefix operators). */
    public List<FunctionDef> operators(String symbol, int arity) {
        String key = symbol + "/" + arity;
        if (pending != 0 || loader == Thread.currentThread()) {
            return lookup(operators, operatorRanks, index.operators(), key);
        }
        return operators.getOrDefault(key, List.of());
    }

    /** The set-returning functions of that name (functions in FROM). */
    public List<TableFunctionDef> tableFunctions(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (pending != 0 || loader == Thread.currentThread()) {
            return lookup(tableFunctions, tableFunctionRanks, index.tableFunctions(), key);
        }
        return tableFunctions.getOrDefault(key, List.of());
    }

    /** Every function (not operators, not set-returning functions). */
    public List<FunctionDef> allFunctions() {
        registerAll();
        List<FunctionDef> out = new ArrayList<>();
        functions.values().forEach(out::addAll);
        return out;
    }

    public List<TableFunctionDef> allTableFunctions() {
        registerAll();
        List<TableFunctionDef> out = new ArrayList<>();
        tableFunctions.values().forEach(out::addAll);
        return out;
    }

    /** Every operator (binary and prefix). */
    public List<FunctionDef> allOperators() {
        registerAll();
        List<FunctionDef> out = new ArrayList<>();
        operators.values().forEach(out::addAll);
        return out;
    }

    /** pg_proc's view of this registry (with the functions behind pg_operator's and pg_cast's rows). */
    public PgProc procs() {
        PgProc p = procs;
        if (p == null) {
            registerAll();
            p = new PgProc(this, operatorCatalog());
            procs = p;
        }
        return p;
    }

    /** pg_operator's view of this registry: PostgreSQL 15's rows of the operators registered here. */
    public PgOperator operatorCatalog() {
        PgOperator o = operatorCatalog;
        if (o == null) {
            o = new PgOperator(allOperators());
            operatorCatalog = o;
        }
        return o;
    }

    public synchronized void addTableFunction(TableFunctionDef f) {
        procs = null;
        beforeAdding(index.tableFunctions(), f.name());
        insert(tableFunctions, tableFunctionRanks, f.name(), f);
    }

    public synchronized void addFunction(FunctionDef f) {
        procs = null;
        beforeAdding(index.functions(), f.name());
        insert(functions, functionRanks, f.name(), f);
    }

    public synchronized void addOperator(FunctionDef f) {
        procs = null;
        operatorCatalog = null;
        String key = f.name() + "/" + f.argTypes().size();
        beforeAdding(index.operators(), key);
        insert(operators, operatorRanks, key, f);
    }

    // ---- lazy registration ----------------------------------------------------------------

    /** Registers every family not registered yet. */
    synchronized void registerAll() {
        if (pending != 0 && LOG.isDebugEnabled()) {
            LOG.debug("registering every built-in function family for a listing");
        }
        register(pending & below(loading));
    }

    private <T> List<T> lookup(Map<String, List<T>> map, Map<String, int[]> ranks, Map<String, Long> names,
                               String key) {
        Long families = names.get(key);
        long wanted = families != null ? families : index.knows(key) ? 0 : ALL;
        if (wanted == ALL && (pending & below(loading)) != 0 && LOG.isDebugEnabled()) {
            LOG.debug("registering every built-in function family: no family has \"{}\"", key);
        }
        if ((wanted & pending) == 0 && loader != Thread.currentThread()) {
            return map.getOrDefault(key, List.of());
        }
        synchronized (this) {
            int now = loading;
            register(wanted & pending & below(now));
            List<T> list = map.getOrDefault(key, List.of());
            return now == NOT_LOADING ? list : prefix(list, ranks.get(key), now);
        }
    }

    /** An entry from outside a family's registration comes after the built-ins of its key. */
    private void beforeAdding(Map<String, Long> names, String key) {
        if (loading == NOT_LOADING) {
            Long families = names.get(key);
            if (families != null) {
                register(families & pending);
            }
        }
    }

    /** The families below this one (while it registers), or all. */
    private static long below(int family) {
        return family == NOT_LOADING ? ALL : (1L << family) - 1;
    }

    /** Registers these families in family order (under the monitor). */
    private void register(long families) {
        long todo = families & ~started;
        while (todo != 0) {
            int family = Long.numberOfTrailingZeros(todo);
            todo &= todo - 1;
            started |= 1L << family;
            int outer = loading;
            Thread outerLoader = loader;
            loading = family;
            loader = Thread.currentThread();
            try {
                BuiltinFamilies.register(family, this);
            } finally {
                loading = outer;
                loader = outerLoader;
            }
            pending &= ~(1L << family);
        }
    }

    /** The entries of ranks up to {@code rank} (lists are in rank order). */
    private static <T> List<T> prefix(List<T> list, int[] ranks, int rank) {
        int n = 0;
        while (n < list.size() && ranks[n] <= rank) {
            n++;
        }
        return n == list.size() ? list : list.subList(0, n);
    }

    private <T> void insert(Map<String, List<T>> map, Map<String, int[]> rankMap, String key, T entry) {
        int rank = loading == NOT_LOADING ? ADDED : loading;
        List<T> old = map.getOrDefault(key, List.of());
        int[] oldRanks = rankMap.getOrDefault(key, new int[0]);
        int at = old.size();
        while (at > 0 && oldRanks[at - 1] > rank) {
            at--;
        }
        List<T> copy = new ArrayList<>(old.size() + 1);
        copy.addAll(old);
        copy.add(at, entry);
        int[] ranks = Arrays.copyOf(oldRanks, oldRanks.length + 1);
        System.arraycopy(oldRanks, at, ranks, at + 1, oldRanks.length - at);
        ranks[at] = rank;
        rankMap.put(key, ranks);
        map.put(key, List.copyOf(copy));
    }

    /** Whether that family has registered (completely). */
    boolean registered(int family) {
        return (pending & 1L << family) == 0;
    }

    /**
     * What one family registers, after every family registered: its functions, operators
     * (symbol/arity) and set-returning functions, each sorted and space-separated (the form of
     * its {@link BuiltinFamilies#INDEX} entry).
     */
    synchronized String[] registeredBy(int family) {
        registerAll();
        return new String[] {keysOf(functionRanks, family), keysOf(operatorRanks, family),
            keysOf(tableFunctionRanks, family)};
    }

    private static String keysOf(Map<String, int[]> ranks, int family) {
        StringBuilder b = new StringBuilder();
        for (String key : new java.util.TreeSet<>(ranks.keySet())) {
            for (int rank : ranks.get(key)) {
                if (rank == family) {
                    b.append(b.isEmpty() ? "" : " ").append(key);
                    break;
                }
            }
        }
        return b.toString();
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

    /** The six comparison operators of a type whose values' compareTo is its btree order. */
    void comparisons(PgType t) {
        PgType b = PgType.BOOL;
        op("=", t, t, b, (x, y) -> org.tuskdb.sql.internal.value.BoolValue.of(x.compareTo(y) == 0));
        op("<>", t, t, b, (x, y) -> org.tuskdb.sql.internal.value.BoolValue.of(x.compareTo(y) != 0));
        op("<", t, t, b, (x, y) -> org.tuskdb.sql.internal.value.BoolValue.of(x.compareTo(y) < 0));
        op("<=", t, t, b, (x, y) -> org.tuskdb.sql.internal.value.BoolValue.of(x.compareTo(y) <= 0));
        op(">", t, t, b, (x, y) -> org.tuskdb.sql.internal.value.BoolValue.of(x.compareTo(y) > 0));
        op(">=", t, t, b, (x, y) -> org.tuskdb.sql.internal.value.BoolValue.of(x.compareTo(y) >= 0));
    }

    void prefix(String symbol, PgType operand, PgType result, FunctionImpl impl) {
        addOperator(new FunctionDef(symbol, List.of(operand), result, false, true, 'i', impl));
    }

    @FunctionalInterface
    interface Binary {
        Value apply(Value a, Value b);
    }
}
