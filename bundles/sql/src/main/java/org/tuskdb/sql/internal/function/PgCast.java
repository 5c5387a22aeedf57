package org.tuskdb.sql.internal.function;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.sql.internal.catalog.PgCatalogViews;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_cast for the built-in types: PostgreSQL 15's rows ({@link PgCastRows}: oid, method and
 * function) of the casts {@link Casts} performs, with the context Casts applies them in. The
 * casts PostgreSQL does not list (I/O conversions to and from the string types, array and
 * domain coercions) are not listed here either; a self-cast is a length coercion (varchar(n),
 * numeric(p,s), ...). The cast functions are in pg_proc at PostgreSQL's oids ({@link #functions}),
 * so psql's {@code \dC} shows their names.
 */
public final class PgCast {
    private PgCast() {}

    /** One row and its function (castfunc 0: none; the name and signature are pg_proc's). */
    record Cast(long oid, PgType source, PgType target, long func, String funcName, long[] funcArgs, long funcResult,
                char volatility, boolean strict, char context, char method) {}

    /** The rows, computed once (they depend on constants only). */
    private static final class Rows {
        static final List<Cast> ALL = load();
    }

    private static List<Cast> load() {
        List<Cast> out = new ArrayList<>();
        for (String line : PgCastRows.ROWS) {
            // oid|source|target|func oid|func name|func args|func result|volatility|strict|context|method
            String[] f = line.split("\t", -1);
            PgType source = PgType.byOid(Integer.parseInt(f[1]));
            PgType target = PgType.byOid(Integer.parseInt(f[2]));
            if (source == null || target == null) {
                continue;
            }
            Casts.Context context = Casts.context(source, target);
            if (context == null) {
                continue;
            }
            char c = switch (context) {
                case IMPLICIT -> 'i';
                case ASSIGNMENT -> 'a';
                case EXPLICIT -> 'e';
            };
            String[] argTexts = f[5].isEmpty() ? new String[0] : f[5].split(" ");
            long[] args = new long[argTexts.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = Long.parseLong(argTexts[i]);
            }
            out.add(new Cast(Long.parseLong(f[0]), source, target, Long.parseLong(f[3]), f[4], args,
                f[6].isEmpty() ? 0 : Long.parseLong(f[6]), f[7].isEmpty() ? 'i' : f[7].charAt(0), f[8].equals("t"),
                c, f[10].charAt(0)));
        }
        return List.copyOf(out);
    }

    /** The cast functions, for pg_proc (one per oid). */
    static List<PgProc.Fixed> functions() {
        List<PgProc.Fixed> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Cast c : Rows.ALL) {
            if (c.func() != 0 && seen.add(c.func())) {
                out.add(new PgProc.Fixed(c.func(), c.funcName(), c.funcArgs(), c.funcResult(), c.strict(), false,
                    c.volatility()));
            }
        }
        return out;
    }

    static List<Value[]> rows() {
        List<Value[]> out = new ArrayList<>(Rows.ALL.size());
        for (Cast c : Rows.ALL) {
            out.add(new Value[] {OidValue.oid(c.oid()), OidValue.oid(c.source().oid()), OidValue.oid(c.target().oid()),
                OidValue.oid(c.func()), new TextValue(PgType.CHAR, String.valueOf(c.context())),
                new TextValue(PgType.CHAR, String.valueOf(c.method()))});
        }
        return out;
    }

    /** The pg_cast view. */
    public static PgCatalogViews.ComputedView view() {
        return PgCatalogViews.computed("pg_cast", PgCatalogViews.PG_CAST_OID, c -> rows(), "oid oid",
            "castsource oid", "casttarget oid", "castfunc oid", "castcontext char", "castmethod char");
    }
}
