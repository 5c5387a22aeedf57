package org.tuskdb.sql.internal.function;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tuskdb.sql.internal.catalog.PgCatalogViews;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_operator as the function registry makes it: PostgreSQL 15's row ({@link PgOperatorRows})
 * of every operator the registry has with the same symbol and argument types, so oids,
 * commutators, negators, oprcode and the merge / hash flags are PostgreSQL's and a query that
 * joins pg_operator with pg_type or pg_proc reads what it reads there. An operator of
 * PostgreSQL's that the engine lacks has no row (its oid is left out of oprcom / oprnegate too,
 * which PostgreSQL never leaves dangling); the registry's operators over polymorphic or
 * per-type array and range signatures are not listed (PostgreSQL's are declared on anyarray /
 * anyrange, which pg_type does not have here). The result type is the registry's, which is
 * PostgreSQL's wherever the engine is right.
 *
 * <p>oprcode names PostgreSQL's implementation function (int4pl) with its pg_proc oid; pg_proc
 * lists those functions at those oids ({@link #functions}), so psql's joins of pg_operator and
 * pg_proc find them. Descriptions are what psql's {@code \do} shows (the operator's comment, or
 * its function's), read by obj_description(oid, 'pg_operator').
 */
public final class PgOperator {
    /** The namespace and owner of every built-in operator: pg_catalog, the bootstrap superuser. */
    private static final long PG_CATALOG = 11, OWNER = 10;

    /** One row: pg_operator's columns and the implementation function's volatility and strictness. */
    public record Operator(long oid, String name, char kind, boolean canMerge, boolean canHash, long left, long right,
                           long result, long commutator, long negator, long code, String codeName, char volatility,
                           boolean strict, boolean leakproof, long rest, String restName, long join, String joinName,
                           String description) {}

    private final List<Operator> operators;
    private final Map<Long, Operator> byOid = new HashMap<>();

    PgOperator(List<FunctionDef> registered) {
        Map<String, Long> results = new HashMap<>();
        for (FunctionDef f : registered) {
            if (f.returnType() == null) {
                continue;
            }
            long left = f.argTypes().size() == 2 ? f.argTypes().get(0).oid() : 0;
            long right = f.argTypes().get(f.argTypes().size() - 1).oid();
            results.putIfAbsent(key(f.name(), left, right), (long) f.returnType().oid());
        }
        Map<Long, Operator> found = new LinkedHashMap<>();
        for (String line : PgOperatorRows.ROWS) {
            Operator o = parse(line);
            Long result = results.get(key(o.name(), o.left(), o.right()));
            if (result != null) {
                found.put(o.oid(), new Operator(o.oid(), o.name(), o.kind(), o.canMerge(), o.canHash(), o.left(),
                    o.right(), result, o.commutator(), o.negator(), o.code(), o.codeName(), o.volatility(), o.strict(),
                    o.leakproof(), o.rest(), o.restName(), o.join(), o.joinName(), o.description()));
            }
        }
        List<Operator> out = new ArrayList<>(found.size());
        for (Operator o : found.values()) {
            Operator kept = new Operator(o.oid(), o.name(), o.kind(), o.canMerge(), o.canHash(), o.left(), o.right(),
                o.result(), found.containsKey(o.commutator()) ? o.commutator() : 0,
                found.containsKey(o.negator()) ? o.negator() : 0, o.code(), o.codeName(), o.volatility(), o.strict(),
                o.leakproof(), o.rest(), o.restName(), o.join(), o.joinName(), o.description());
            out.add(kept);
            byOid.put(kept.oid(), kept);
        }
        this.operators = List.copyOf(out);
    }

    private static String key(String name, long left, long right) {
        return name + "/" + left + "/" + right;
    }

    /**
     * A line of {@link PgOperatorRows}: oid|name|kind|canmerge|canhash|left|right|result|com|negate|
     * code oid|code name|volatility|strict|leakproof|rest oid|rest name|join oid|join name|description.
     */
    private static Operator parse(String line) {
        String[] f = line.split("\t", 20);
        return new Operator(Long.parseLong(f[0]), f[1], f[2].charAt(0), f[3].equals("t"), f[4].equals("t"),
            Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
            Long.parseLong(f[9]), Long.parseLong(f[10]), f[11], f[12].charAt(0), f[13].equals("t"), f[14].equals("t"),
            Long.parseLong(f[15]), f[16], Long.parseLong(f[17]), f[18], f[19].isEmpty() ? null : f[19]);
    }

    public List<Operator> operators() {
        return operators;
    }

    /** The operator with that oid, or null. */
    public Operator byOid(long oid) {
        return byOid.get(oid);
    }

    /** The built-in comment of the operator with that oid (obj_description(oid, 'pg_operator')), or null. */
    public String description(long oid) {
        Operator o = byOid.get(oid);
        return o == null ? null : o.description();
    }

    /** The implementation functions of these operators, for pg_proc (one per oid). */
    List<PgProc.Fixed> functions() {
        List<PgProc.Fixed> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Operator o : operators) {
            if (seen.add(o.code())) {
                long[] args = o.left() == 0 ? new long[] {o.right()} : new long[] {o.left(), o.right()};
                out.add(new PgProc.Fixed(o.code(), o.codeName(), args, o.result(), o.strict(), o.leakproof(),
                    o.volatility()));
            }
        }
        return out;
    }

    /** pg_operator's rows, in PostgreSQL 15's column order. */
    public List<Value[]> rows() {
        List<Value[]> out = new ArrayList<>(operators.size());
        for (Operator o : operators) {
            out.add(new Value[] {OidValue.oid(o.oid()), new TextValue(PgType.NAME, o.name()), OidValue.oid(PG_CATALOG),
                OidValue.oid(OWNER), new TextValue(PgType.CHAR, String.valueOf(o.kind())), BoolValue.of(o.canMerge()),
                BoolValue.of(o.canHash()), OidValue.oid(o.left()), OidValue.oid(o.right()), OidValue.oid(o.result()),
                OidValue.oid(o.commutator()), OidValue.oid(o.negator()), regproc(o.code(), o.codeName()),
                regproc(o.rest(), o.restName()), regproc(o.join(), o.joinName())});
        }
        return out;
    }

    private static OidValue regproc(long oid, String name) {
        return new OidValue(PgType.REGPROC, oid, oid == 0 ? "-" : name);
    }

    /** The pg_operator view over this registry's operators. */
    public static PgCatalogViews.ComputedView view(FunctionRegistry registry) {
        return PgCatalogViews.computed("pg_operator", PgCatalogViews.PG_OPERATOR_OID,
            c -> registry.operatorCatalog().rows(), "oid oid", "oprname name", "oprnamespace oid", "oprowner oid",
            "oprkind char", "oprcanmerge bool", "oprcanhash bool", "oprleft oid", "oprright oid", "oprresult oid",
            "oprcom oid", "oprnegate oid", "oprcode regproc", "oprrest regproc", "oprjoin regproc");
    }
}
