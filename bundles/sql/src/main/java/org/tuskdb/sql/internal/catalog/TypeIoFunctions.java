package org.tuskdb.sql.internal.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;

/**
 * The support functions pg_type names for each type (typinput, typoutput, typreceive, typsend,
 * typmodin, typmodout, typanalyze, typsubscript), with PostgreSQL 15's names and oids: drivers
 * read them (the JDBC driver tells arrays by {@code typinput = 'array_in'::regproc}). Tusk does not
 * call these functions by name; they exist here as catalog data and as names regproc input knows.
 */
public final class TypeIoFunctions {
    private TypeIoFunctions() {}

    /** Columns of {@link #of}, in pg_type's order. */
    public static final int INPUT = 0, OUTPUT = 1, RECEIVE = 2, SEND = 3, MODIN = 4, MODOUT = 5, ANALYZE = 6,
        SUBSCRIPT = 7, COUNT = 8;

    // type oid, then the eight functions as name:oid or - (none)
    private static final String BASE = """
        16 boolin:1242 boolout:1243 boolrecv:2436 boolsend:2437 - - - -
        17 byteain:1244 byteaout:31 bytearecv:2412 byteasend:2413 - - - -
        18 charin:1245 charout:33 charrecv:2434 charsend:2435 - - - -
        19 namein:34 nameout:35 namerecv:2422 namesend:2423 - - - raw_array_subscript_handler:6180
        20 int8in:460 int8out:461 int8recv:2408 int8send:2409 - - - -
        21 int2in:38 int2out:39 int2recv:2404 int2send:2405 - - - -
        22 int2vectorin:40 int2vectorout:41 int2vectorrecv:2410 int2vectorsend:2411 - - - array_subscript_handler:6179
        23 int4in:42 int4out:43 int4recv:2406 int4send:2407 - - - -
        24 regprocin:44 regprocout:45 regprocrecv:2444 regprocsend:2445 - - - -
        25 textin:46 textout:47 textrecv:2414 textsend:2415 - - - -
        26 oidin:1798 oidout:1799 oidrecv:2418 oidsend:2419 - - - -
        28 xidin:50 xidout:51 xidrecv:2440 xidsend:2441 - - - -
        30 oidvectorin:54 oidvectorout:55 oidvectorrecv:2420 oidvectorsend:2421 - - - array_subscript_handler:6179
        114 json_in:321 json_out:322 json_recv:323 json_send:324 - - - -
        700 float4in:200 float4out:201 float4recv:2424 float4send:2425 - - - -
        701 float8in:214 float8out:215 float8recv:2426 float8send:2427 - - - -
        705 unknownin:109 unknownout:110 unknownrecv:2416 unknownsend:2417 - - - -
        869 inet_in:910 inet_out:911 inet_recv:2496 inet_send:2497 - - - -
        1042 bpcharin:1044 bpcharout:1045 bpcharrecv:2430 bpcharsend:2431 bpchartypmodin:2913 bpchartypmodout:2914 - -
        1043 varcharin:1046 varcharout:1047 varcharrecv:2432 varcharsend:2433 varchartypmodin:2915 varchartypmodout:2916 - -
        1082 date_in:1084 date_out:1085 date_recv:2468 date_send:2469 - - - -
        1083 time_in:1143 time_out:1144 time_recv:2470 time_send:2471 timetypmodin:2909 timetypmodout:2910 - -
        1114 timestamp_in:1312 timestamp_out:1313 timestamp_recv:2474 timestamp_send:2475 timestamptypmodin:2905 timestamptypmodout:2906 - -
        1184 timestamptz_in:1150 timestamptz_out:1151 timestamptz_recv:2476 timestamptz_send:2477 timestamptztypmodin:2907 timestamptztypmodout:2908 - -
        1186 interval_in:1160 interval_out:1161 interval_recv:2478 interval_send:2479 intervaltypmodin:2903 intervaltypmodout:2904 - -
        1266 timetz_in:1350 timetz_out:1351 timetz_recv:2472 timetz_send:2473 timetztypmodin:2911 timetztypmodout:2912 - -
        1700 numeric_in:1701 numeric_out:1702 numeric_recv:2460 numeric_send:2461 numerictypmodin:2917 numerictypmodout:2918 - -
        2202 regprocedurein:2212 regprocedureout:2213 regprocedurerecv:2446 regproceduresend:2447 - - - -
        2205 regclassin:2218 regclassout:2219 regclassrecv:2452 regclasssend:2453 - - - -
        2206 regtypein:2220 regtypeout:2221 regtyperecv:2454 regtypesend:2455 - - - -
        2276 any_in:2294 any_out:2295 - - - - - -
        2278 void_in:2298 void_out:2299 void_recv:3120 void_send:3121 - - - -
        2776 anynonarray_in:2777 anynonarray_out:2778 - - - - - -
        2950 uuid_in:2952 uuid_out:2953 uuid_recv:2961 uuid_send:2962 - - - -
        3220 pg_lsn_in:3229 pg_lsn_out:3230 pg_lsn_recv:3238 pg_lsn_send:3239 - - - -
        3802 jsonb_in:3806 jsonb_out:3804 jsonb_recv:3805 jsonb_send:3803 - - - jsonb_subscript_handler:6098
        4072 jsonpath_in:4001 jsonpath_out:4003 jsonpath_recv:4002 jsonpath_send:4004 - - - -
        3614 tsvectorin:3610 tsvectorout:3611 tsvectorrecv:3639 tsvectorsend:3638 - - - -
        3615 tsqueryin:3612 tsqueryout:3613 tsqueryrecv:3641 tsquerysend:3640 - - - -
        3734 regconfigin:3736 regconfigout:3737 regconfigrecv:3738 regconfigsend:3739 - - - -
        3769 regdictionaryin:3771 regdictionaryout:3772 regdictionaryrecv:3773 regdictionarysend:3774 - - - -
        4089 regnamespacein:4084 regnamespaceout:4085 regnamespacerecv:4087 regnamespacesend:4088 - - - -
        3904 range_in:3834 range_out:3835 range_recv:3836 range_send:3837 - - range_typanalyze:3916 -
        3906 range_in:3834 range_out:3835 range_recv:3836 range_send:3837 - - range_typanalyze:3916 -
        3908 range_in:3834 range_out:3835 range_recv:3836 range_send:3837 - - range_typanalyze:3916 -
        3910 range_in:3834 range_out:3835 range_recv:3836 range_send:3837 - - range_typanalyze:3916 -
        3912 range_in:3834 range_out:3835 range_recv:3836 range_send:3837 - - range_typanalyze:3916 -
        3926 range_in:3834 range_out:3835 range_recv:3836 range_send:3837 - - range_typanalyze:3916 -
        """;
    private static final String ARRAY = "array_in:750 array_out:751 array_recv:2400 array_send:2401";
    private static final String ARRAY_ANALYZE = "array_typanalyze:3816", ARRAY_SUBSCRIPT = "array_subscript_handler:6179";
    private static final OidValue NONE = new OidValue(PgType.REGPROC, 0, "-");

    private static final Map<Integer, OidValue[]> BY_TYPE;
    private static final Map<String, Long> OID_BY_NAME;

    static {
        Map<Integer, OidValue[]> byType = new HashMap<>();
        Map<String, Long> byName = new HashMap<>();
        for (String line : BASE.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            OidValue[] fns = new OidValue[COUNT];
            for (int i = 0; i < COUNT; i++) {
                fns[i] = function(f[i + 1], byName);
            }
            byType.put(Integer.parseInt(f[0]), fns);
        }
        String[] array = ARRAY.split(" ");
        for (PgType t : PgType.all()) {
            if (byType.containsKey(t.oid())) {
                continue;
            }
            OidValue[] out = new OidValue[COUNT];
            Arrays.fill(out, NONE);
            if (t.isArray()) {
                for (int i = 0; i < array.length; i++) {
                    out[i] = function(array[i], byName);
                }
                OidValue[] element = byType.get(t.elementType().oid());
                if (element != null) {
                    out[MODIN] = element[MODIN];
                    out[MODOUT] = element[MODOUT];
                }
                out[ANALYZE] = function(ARRAY_ANALYZE, byName);
                out[SUBSCRIPT] = function(ARRAY_SUBSCRIPT, byName);
            }
            byType.put(t.oid(), out);
        }
        BY_TYPE = Map.copyOf(byType);
        OID_BY_NAME = Map.copyOf(byName);
    }

    private static OidValue function(String spec, Map<String, Long> byName) {
        if (spec.equals("-")) {
            return NONE;
        }
        int colon = spec.indexOf(':');
        String name = spec.substring(0, colon);
        long oid = Long.parseLong(spec.substring(colon + 1));
        byName.put(name, oid);
        return new OidValue(PgType.REGPROC, oid, name);
    }

    /** The eight functions of type {@code t} (regproc values, "-" where it has none). */
    public static OidValue[] of(PgType t) {
        OidValue[] fns = BY_TYPE.get(t.oid());
        if (fns == null) {
            fns = new OidValue[COUNT];
            Arrays.fill(fns, NONE);
        }
        return fns;
    }

    /** The oid of the support function of that name, or -1. */
    public static long oidOf(String name) {
        Long oid = OID_BY_NAME.get(name);
        return oid == null ? -1 : oid;
    }

    /** The name of the support function with that oid, or null. */
    public static String nameOf(long oid) {
        for (Map.Entry<String, Long> e : OID_BY_NAME.entrySet()) {
            if (e.getValue() == oid) {
                return e.getKey();
            }
        }
        return null;
    }
}
