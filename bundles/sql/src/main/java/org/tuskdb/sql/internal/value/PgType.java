package org.tuskdb.sql.internal.value;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A data type as pg_type describes it: oid, typname, typlen, typcategory and typispreferred.
 * The category and preferred flag drive PostgreSQL's operator and function resolution, so
 * they must match pg_type exactly. Instances are immutable constants.
 */
public final class PgType {
    private final int oid;
    private final String name;
    private final String displayName;
    private final short length;
    private final char category;
    private final boolean preferred;
    private final PgType element;
    /** An anonymous record type's fields (names, types), else null. */
    private final String[] fieldNames;
    private final PgType[] fieldTypes;
    /** A table's row type's fields' type modifiers (varchar(10), numeric(6,2)), else null. */
    private final int[] fieldTypmods;
    /** A user-defined type (CREATE TYPE / DOMAIN, or its array type): its pg_type row, else null. */
    private UserType user;
    /** A row type's array type ("_name", made with it), else null. */
    private PgType rowArray;

    /**
     * What a user-defined type adds (see catalog/UserTypes): its schema, its array type (or, for the
     * array type itself, null), an enum's labels in sort order.
     */
    private record UserType(long namespace, String schema, PgType array, List<EnumLabel> labels, Domain domain) {}

    /**
     * What a domain (typtype d) is over: its base type and modifier, NOT NULL, its DEFAULT's source
     * text (or null) and its CHECK constraints (name, source text over VALUE) in name order.
     */
    public record Domain(PgType base, int typmod, boolean notNull, String defaultText, List<DomainCheck> checks) {}

    /** One CHECK constraint of a domain (pg_constraint with contypid). */
    public record DomainCheck(long oid, String name, String text) {}

    private PgType(int oid, String name, String displayName, int length, char category, boolean preferred) {
        this(oid, name, displayName, length, category, preferred, null);
    }

    private PgType(int oid, String name, String displayName, int length, char category, boolean preferred,
                   PgType element) {
        this.oid = oid;
        this.name = name;
        this.displayName = displayName;
        this.length = (short) length;
        this.category = category;
        this.preferred = preferred;
        this.element = element;
        this.fieldNames = null;
        this.fieldTypes = null;
        this.fieldTypmods = null;
    }

    private PgType(String[] fieldNames, PgType[] fieldTypes) {
        this(2249, "record", "record", 'P', fieldNames, fieldTypes, null);
    }

    private PgType(int oid, String name, String displayName, char category, String[] fieldNames,
                   PgType[] fieldTypes, int[] fieldTypmods) {
        this.oid = oid;
        this.name = name;
        this.displayName = displayName;
        this.length = -1;
        this.category = category;
        this.preferred = false;
        this.element = null;
        this.fieldNames = fieldNames;
        this.fieldTypes = fieldTypes;
        this.fieldTypmods = fieldTypmods;
    }

    /**
     * A table's row type (typtype c): the relation's oid (catalog/RowTypes' rule), the table's
     * name as the type's name (shown as written), its live columns as the fields. Instances are
     * made per lookup, so two are the same type when {@link #sameComposite} says so.
     */
    public static PgType composite(long relationOid, String name, List<String> names, List<PgType> types,
                                   List<Integer> typmods) {
        return composite(relationOid, name, name, names, types, typmods);
    }

    /** As above, shown as {@code displayName} (schema-qualified when search_path does not find it). */
    public static PgType composite(long relationOid, String name, String displayName, List<String> names,
                                   List<PgType> types, List<Integer> typmods) {
        PgType t = new PgType((int) relationOid, name, displayName, 'C', names.toArray(String[]::new),
            types.toArray(PgType[]::new), typmods.stream().mapToInt(Integer::intValue).toArray());
        // the array type's oid is the relation's with the top bit set (catalog/RowTypes' rule): as an
        // int it is negative, so code turning a type's oid into an oid value reads it unsigned
        t.rowArray = new PgType((int) (relationOid | 0x8000_0000L), "_" + name, displayName + "[]", -1, 'A', false, t);
        return t;
    }

    /**
     * A user-defined enum type (typtype e, typcategory E) and its array type "_name": {@code labels}
     * in sort order. Instances are made when the relation cache reads pg_type / pg_enum, one per type
     * and cache generation; two are the same type when their oids are ({@link #same}).
     */
    public static PgType enumType(int oid, String name, String displayName, long namespace, String schema, int arrayOid,
                                  List<EnumLabel> labels) {
        PgType t = new PgType(oid, name, displayName, 4, 'E', false);
        PgType array = new PgType(arrayOid, "_" + name, displayName + "[]", -1, 'A', false, t);
        t.user = new UserType(namespace, schema, array, List.copyOf(labels), null);
        array.user = new UserType(namespace, schema, null, null, null);
        return t;
    }

    /**
     * A domain over {@code domain.base()} (typtype d): the base type's category and length, so the
     * overload rules treat it as they treat the base type once the analyzer reduced it (values of a
     * domain are values of its base type; see analyze/Coercion).
     */
    public static PgType domainType(int oid, String name, String displayName, long namespace, String schema,
                                    int arrayOid, Domain domain) {
        PgType b = domain.base();
        PgType t = new PgType(oid, name, displayName, b.length(), b.category(), false);
        PgType array = new PgType(arrayOid, "_" + name, displayName + "[]", -1, 'A', false, t);
        t.user = new UserType(namespace, schema, array, b.enumLabels(), domain);
        array.user = new UserType(namespace, schema, null, null, null);
        return t;
    }

    /** A domain (typtype d). */
    public boolean isDomain() { return user != null && user.domain() != null; }

    /** getBaseTypeAndTypmod's modifier: the innermost domain's modifier that is set, else {@code typmod}. */
    public int baseTypmod(int typmod) {
        PgType t = this;
        int m = typmod;
        while (t.isDomain()) {
            if (t.user.domain().typmod() >= 0) {
                m = t.user.domain().typmod();
            }
            t = t.user.domain().base();
        }
        return m;
    }

    /** A domain's definition, else null. */
    public Domain domain() { return user == null ? null : user.domain(); }

    /** getBaseType: a domain's base type (through domains over domains), else the type itself. */
    public PgType baseType() {
        PgType t = this;
        while (t.isDomain()) {
            t = t.user.domain().base();
        }
        return t;
    }

    /** Types are their constants, except a table's row type and user types: one per oid, whichever instance. */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PgType t && same(this, t);
    }

    @Override
    public int hashCode() {
        return isComposite() || user != null || element != null && element.isComposite() ? oid
            : System.identityHashCode(this);
    }

    /** Whether a and b are one type: the same constant, or one relation's row type, or one user type. */
    public static boolean same(PgType a, PgType b) {
        return a == b || sameComposite(a, b) || a.user != null && b.user != null && a.oid == b.oid
            || a.element != null && b.element != null && a.element.isComposite() && sameComposite(a.element, b.element);
    }

    /** A user-defined type or the array type of one (its pg_type row is stored, not built in). */
    public boolean isUserDefined() { return user != null; }

    /** An enum type (typtype e). */
    public boolean isEnum() { return category == 'E' && !isDomain(); }

    /** A user type's schema (pg_type.typnamespace); pg_catalog for built-in types. */
    public long namespace() { return user == null ? 11 : user.namespace(); }

    /** The name of a user type's schema; pg_catalog for built-in types. */
    public String schemaName() { return user == null ? "pg_catalog" : user.schema(); }

    /** An enum's labels in sort order (empty for other types). */
    public List<EnumLabel> enumLabels() { return user == null || user.labels() == null ? List.of() : user.labels(); }

    /** enum_in: the value of that label, 22P02 when the type has none. */
    public EnumValue enumValue(String label) {
        for (EnumLabel l : enumLabels()) {
            if (l.label().equals(label)) {
                if (l.unsafe()) {
                    throw org.tuskdb.api.DatabaseException.error("55P04", "unsafe use of new value \"" + label
                        + "\" of enum type " + displayName).withHint("New enum values must be committed before they can be used.");
                }
                return new EnumValue(this, l);
            }
        }
        throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.INVALID_TEXT_REPRESENTATION,
            "invalid input value for enum " + displayName + ": \"" + label + "\"");
    }

    /** The value of the label whose pg_enum oid that is (how rows store an enum), or null. */
    public EnumValue enumValueByOid(long labelOid) {
        for (EnumLabel l : enumLabels()) {
            if (l.oid() == labelOid) {
                return new EnumValue(this, l);
            }
        }
        return null;
    }

    /** A table's row type (not an anonymous record). */
    public boolean isComposite() { return category == 'C'; }

    /** Whether both are the row type of one relation. */
    public static boolean sameComposite(PgType a, PgType b) {
        return a.isComposite() && b.isComposite() && a.oid == b.oid;
    }

    /**
     * An anonymous record type with these fields (what a function returning a row gives), one
     * instance per call site: {@code (expr).field} finds its fields through the expression's type.
     */
    public static PgType recordOf(List<String> names, List<PgType> types) {
        return new PgType(names.toArray(String[]::new), types.toArray(PgType[]::new));
    }

    /** The index of a record type's field, or -1 (also for non-record types). */
    public int fieldIndex(String field) {
        if (fieldNames != null) {
            for (int i = 0; i < fieldNames.length; i++) {
                if (fieldNames[i].equals(field)) {
                    return i;
                }
            }
        }
        return -1;
    }

    public PgType fieldType(int i) { return fieldTypes[i]; }
    /** A field's type modifier (-1: none; anonymous records have none). */
    public int fieldTypmod(int i) { return fieldTypmods == null || i >= fieldTypmods.length ? -1 : fieldTypmods[i]; }
    public String fieldName(int i) { return fieldNames[i]; }
    public int fieldCount() { return fieldTypes == null ? 0 : fieldTypes.length; }
    public boolean isRecord() { return fieldNames != null; }

    private static PgType array(int oid, PgType element) {
        return new PgType(oid, "_" + element.name, element.displayName + "[]", -1, 'A', false, element);
    }

    public static final PgType BOOL = new PgType(16, "bool", "boolean", 1, 'B', true);
    public static final PgType BYTEA = new PgType(17, "bytea", "bytea", -1, 'U', false);
    public static final PgType NAME = new PgType(19, "name", "name", 64, 'S', false);
    public static final PgType INT8 = new PgType(20, "int8", "bigint", 8, 'N', false);
    public static final PgType INT2 = new PgType(21, "int2", "smallint", 2, 'N', false);
    public static final PgType INT4 = new PgType(23, "int4", "integer", 4, 'N', false);
    public static final PgType TEXT = new PgType(25, "text", "text", -1, 'S', true);
    public static final PgType OID = new PgType(26, "oid", "oid", 4, 'N', true);
    public static final PgType XID = new PgType(28, "xid", "xid", 4, 'U', false);
    /** A tuple's address, the ctid system column's type (TidValue). */
    public static final PgType TID = new PgType(27, "tid", "tid", 6, 'U', false);
    public static final PgType FLOAT4 = new PgType(700, "float4", "real", 4, 'N', false);
    public static final PgType FLOAT8 = new PgType(701, "float8", "double precision", 8, 'N', true);
    public static final PgType UNKNOWN = new PgType(705, "unknown", "unknown", -2, 'X', false);
    public static final PgType INET = new PgType(869, "inet", "inet", -1, 'I', true);
    public static final PgType BPCHAR = new PgType(1042, "bpchar", "character", -1, 'S', false);
    public static final PgType VARCHAR = new PgType(1043, "varchar", "character varying", -1, 'S', false);
    public static final PgType DATE = new PgType(1082, "date", "date", 4, 'D', false);
    public static final PgType TIME = new PgType(1083, "time", "time without time zone", 8, 'D', false);
    public static final PgType TIMETZ = new PgType(1266, "timetz", "time with time zone", 12, 'D', false);
    public static final PgType TIMESTAMP = new PgType(1114, "timestamp", "timestamp without time zone", 8, 'D', false);
    public static final PgType TIMESTAMPTZ = new PgType(1184, "timestamptz", "timestamp with time zone", 8, 'D', true);
    public static final PgType INTERVAL = new PgType(1186, "interval", "interval", 16, 'T', true);
    public static final PgType NUMERIC = new PgType(1700, "numeric", "numeric", -1, 'N', false);
    public static final PgType JSON = new PgType(114, "json", "json", -1, 'U', false);
    public static final PgType JSONB = new PgType(3802, "jsonb", "jsonb", -1, 'U', false);
    public static final PgType JSONPATH = new PgType(4072, "jsonpath", "jsonpath", -1, 'U', false);
    public static final PgType UUID = new PgType(2950, "uuid", "uuid", 16, 'U', false);
    public static final PgType REGTYPE = new PgType(2206, "regtype", "regtype", 4, 'N', false);
    /** The single-byte "char" of the catalogs (relkind, contype ...). */
    public static final PgType CHAR = new PgType(18, "char", "\"char\"", 1, 'Z', false);
    /** Object identifier types whose output is the object's name (resolved by RegCasts). */
    public static final PgType REGCLASS = new PgType(2205, "regclass", "regclass", 4, 'N', false);
    public static final PgType REGNAMESPACE = new PgType(4089, "regnamespace", "regnamespace", 4, 'N', false);
    public static final PgType REGPROC = new PgType(24, "regproc", "regproc", 4, 'N', false);
    /** A function with its argument types ('array_in(cstring,oid,integer)'): Rails' pg_type loading compares typinput with one. */
    public static final PgType REGPROCEDURE = new PgType(2202, "regprocedure", "regprocedure", 4, 'N', false);
    public static final PgType PG_LSN = new PgType(3220, "pg_lsn", "pg_lsn", 8, 'U', false);
    /** Full-text search: a document's lexemes (TsVectorValue). */
    public static final PgType TSVECTOR = new PgType(3614, "tsvector", "tsvector", -1, 'U', false);
    /** Full-text search: a query over lexemes (TsQueryValue). */
    public static final PgType TSQUERY = new PgType(3615, "tsquery", "tsquery", -1, 'U', false);
    /** Full-text search: a text search configuration / dictionary by oid, printed by name (TextSearchConfig). */
    public static final PgType REGCONFIG = new PgType(3734, "regconfig", "regconfig", 4, 'N', false);
    public static final PgType REGDICTIONARY = new PgType(3769, "regdictionary", "regdictionary", 4, 'N', false);
    /** Pseudo-types, only in function signatures. */
    public static final PgType ANY = new PgType(2276, "any", "\"any\"", 4, 'P', false);
    public static final PgType ANYNONARRAY = new PgType(2776, "anynonarray", "anynonarray", 4, 'P', false);
    /** The result type of functions that return nothing (pg_sleep). */
    public static final PgType VOID = new PgType(2278, "void", "void", 4, 'P', false);
    /** The result type of trigger functions (RETURNS trigger): called only by the trigger machinery. */
    public static final PgType TRIGGER = new PgType(2279, "trigger", "trigger", 4, 'P', false);

    /** Array types of the base types (pg_type's _int4 ...): one-dimensional arrays, lower bound 1. */
    public static final PgType BOOL_ARRAY = array(1000, BOOL);
    public static final PgType BYTEA_ARRAY = array(1001, BYTEA);
    public static final PgType NAME_ARRAY = array(1003, NAME);
    public static final PgType INT2_ARRAY = array(1005, INT2);
    public static final PgType INT4_ARRAY = array(1007, INT4);
    public static final PgType TEXT_ARRAY = array(1009, TEXT);
    public static final PgType BPCHAR_ARRAY = array(1014, BPCHAR);
    public static final PgType VARCHAR_ARRAY = array(1015, VARCHAR);
    public static final PgType INT8_ARRAY = array(1016, INT8);
    public static final PgType FLOAT4_ARRAY = array(1021, FLOAT4);
    public static final PgType FLOAT8_ARRAY = array(1022, FLOAT8);
    public static final PgType OID_ARRAY = array(1028, OID);
    public static final PgType INET_ARRAY = array(1041, INET);
    public static final PgType TIMESTAMP_ARRAY = array(1115, TIMESTAMP);
    public static final PgType DATE_ARRAY = array(1182, DATE);
    public static final PgType TIME_ARRAY = array(1183, TIME);
    public static final PgType TIMESTAMPTZ_ARRAY = array(1185, TIMESTAMPTZ);
    public static final PgType TIMETZ_ARRAY = array(1270, TIMETZ);
    public static final PgType INTERVAL_ARRAY = array(1187, INTERVAL);
    public static final PgType NUMERIC_ARRAY = array(1231, NUMERIC);
    public static final PgType UUID_ARRAY = array(2951, UUID);
    public static final PgType JSON_ARRAY = array(199, JSON);
    public static final PgType JSONB_ARRAY = array(3807, JSONB);
    public static final PgType JSONPATH_ARRAY = array(4073, JSONPATH);
    public static final PgType CHAR_ARRAY = array(1002, CHAR);
    /** pg_prepared_statements.parameter_types' type. */
    public static final PgType REGTYPE_ARRAY = array(2211, REGTYPE);
    public static final PgType TSVECTOR_ARRAY = array(3643, TSVECTOR);
    public static final PgType TSQUERY_ARRAY = array(3645, TSQUERY);
    public static final PgType REGCONFIG_ARRAY = array(3735, REGCONFIG);
    public static final PgType REGDICTIONARY_ARRAY = array(3770, REGDICTIONARY);
    /** pg_index.indkey's type: an int2 array printed "1 3" and subscripted from 0. */
    public static final PgType INT2VECTOR = new PgType(22, "int2vector", "int2vector", -1, 'A', false, INT2);
    /** pg_proc.proargtypes' type: an oid array printed "23 25" and subscripted from 0. */
    public static final PgType OIDVECTOR = new PgType(30, "oidvector", "oidvector", -1, 'A', false, OID);

    // ---- range types (typtype r; see RangeValue) ------------------------------------------

    /**
     * What pg_range says of a range type: the subtype, the canonical and subtype_diff functions
     * (names, or null) and the multirange type's oid and name.
     */
    public record RangeSpec(PgType subtype, String canonical, String subtypeDiff, int multirangeOid,
                            String multirangeName) {}

    /** A range type's pg_range row, else null. */
    private RangeSpec range;
    /** A multirange type's range type, else null (multiranges have no values here yet). */
    private PgType multirangeOf;

    private static PgType range(int oid, String name, PgType subtype, String canonical, String subtypeDiff,
                                int multirangeOid, String multirangeName) {
        PgType t = new PgType(oid, name, name, -1, 'R', false);
        t.range = new RangeSpec(subtype, canonical, subtypeDiff, multirangeOid, multirangeName);
        return t;
    }

    /** A user-defined range type (CREATE TYPE ... AS RANGE) and its array type "_name". */
    public static PgType rangeType(int oid, String name, String displayName, long namespace, String schema, int arrayOid,
                                   RangeSpec spec) {
        PgType t = new PgType(oid, name, displayName, -1, 'R', false);
        t.range = spec;
        PgType array = new PgType(arrayOid, "_" + name, displayName + "[]", -1, 'A', false, t);
        t.user = new UserType(namespace, schema, array, null, null);
        array.user = new UserType(namespace, schema, null, null, null);
        return t;
    }

    /** The multirange type a user-defined range type comes with (a catalog entry: no values yet). */
    public static PgType multirangeType(int oid, String name, String displayName, long namespace, String schema,
                                        int arrayOid, PgType rangeType) {
        PgType t = new PgType(oid, name, displayName, -1, 'R', false);
        t.multirangeOf = rangeType;
        PgType array = new PgType(arrayOid, "_" + name, displayName + "[]", -1, 'A', false, t);
        t.user = new UserType(namespace, schema, array, null, null);
        array.user = new UserType(namespace, schema, null, null, null);
        return t;
    }

    /** A range type (typtype r). */
    public boolean isRange() { return range != null; }
    /** A multirange type (typtype m). */
    public boolean isMultirange() { return multirangeOf != null; }
    /** A range type's subtype, else null. */
    public PgType rangeSubtype() { return range == null ? null : range.subtype(); }
    /** A range type's pg_range row, else null. */
    public RangeSpec rangeSpec() { return range; }

    public static final PgType INT4RANGE = range(3904, "int4range", INT4, "int4range_canonical", "int4range_subdiff", 4451,
        "int4multirange");
    public static final PgType NUMRANGE = range(3906, "numrange", NUMERIC, null, "numrange_subdiff", 4532, "nummultirange");
    public static final PgType TSRANGE = range(3908, "tsrange", TIMESTAMP, null, "tsrange_subdiff", 4533, "tsmultirange");
    public static final PgType TSTZRANGE = range(3910, "tstzrange", TIMESTAMPTZ, null, "tstzrange_subdiff", 4534,
        "tstzmultirange");
    public static final PgType DATERANGE = range(3912, "daterange", DATE, "daterange_canonical", "daterange_subdiff", 4535,
        "datemultirange");
    public static final PgType INT8RANGE = range(3926, "int8range", INT8, "int8range_canonical", "int8range_subdiff", 4536,
        "int8multirange");
    public static final PgType INT4RANGE_ARRAY = array(3905, INT4RANGE);
    public static final PgType NUMRANGE_ARRAY = array(3907, NUMRANGE);
    public static final PgType TSRANGE_ARRAY = array(3909, TSRANGE);
    public static final PgType TSTZRANGE_ARRAY = array(3911, TSTZRANGE);
    public static final PgType DATERANGE_ARRAY = array(3913, DATERANGE);
    public static final PgType INT8RANGE_ARRAY = array(3927, INT8RANGE);

    /** The built-in range types, in oid order. */
    public static final List<PgType> BUILTIN_RANGES = List.of(INT4RANGE, NUMRANGE, TSRANGE, TSTZRANGE, DATERANGE, INT8RANGE);

    /** Every array type, in the order of ARRAYS' elements. */
    public static final PgType[] ARRAYS = {BOOL_ARRAY, BYTEA_ARRAY, NAME_ARRAY, INT2_ARRAY, INT4_ARRAY, TEXT_ARRAY,
        BPCHAR_ARRAY, VARCHAR_ARRAY, INT8_ARRAY, FLOAT4_ARRAY, FLOAT8_ARRAY, OID_ARRAY, INET_ARRAY, TIMESTAMP_ARRAY,
        DATE_ARRAY, TIME_ARRAY, TIMESTAMPTZ_ARRAY, TIMETZ_ARRAY, INTERVAL_ARRAY, NUMERIC_ARRAY, UUID_ARRAY, JSON_ARRAY, JSONB_ARRAY,
        CHAR_ARRAY, REGTYPE_ARRAY, JSONPATH_ARRAY,
        TSVECTOR_ARRAY,
        TSQUERY_ARRAY,
        REGCONFIG_ARRAY, REGDICTIONARY_ARRAY,
        INT4RANGE_ARRAY, NUMRANGE_ARRAY, TSRANGE_ARRAY, TSTZRANGE_ARRAY, DATERANGE_ARRAY, INT8RANGE_ARRAY};

    /**
     * The pseudo-type record of a function's declared result (OUT parameters, RETURNS TABLE):
     * fields unknown until the function's columns are read. Not in pg_type's rows here.
     */
    public static final PgType RECORD = new PgType(new String[0], new PgType[0]);

    private static final PgType[] ALL = {BOOL, BYTEA, NAME, INT8, INT2, INT4, TEXT, OID, XID, TID, FLOAT4, FLOAT8,
        UNKNOWN, INET, BPCHAR, VARCHAR, DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL, NUMERIC, UUID, JSON, JSONB, JSONPATH, REGTYPE, PG_LSN, VOID, TRIGGER, ANY, ANYNONARRAY,
        CHAR, REGCLASS, REGNAMESPACE, REGPROC, REGPROCEDURE, INT2VECTOR, OIDVECTOR,
        TSVECTOR,
        TSQUERY,
        REGCONFIG, REGDICTIONARY,
        INT4RANGE, NUMRANGE, TSRANGE, TSTZRANGE, DATERANGE, INT8RANGE};

    /** Names a user may write in a cast, after the grammar's own renaming of SQL-standard names. */
    private static final Map<String, PgType> BY_NAME = Map.ofEntries(
        Map.entry("bool", BOOL), Map.entry("boolean", BOOL), Map.entry("bytea", BYTEA), Map.entry("name", NAME),
        Map.entry("int8", INT8), Map.entry("bigint", INT8), Map.entry("int2", INT2), Map.entry("smallint", INT2),
        Map.entry("int4", INT4), Map.entry("int", INT4), Map.entry("integer", INT4), Map.entry("text", TEXT),
        Map.entry("oid", OID), Map.entry("xid", XID), Map.entry("tid", TID), Map.entry("float4", FLOAT4), Map.entry("real", FLOAT4),
        Map.entry("float8", FLOAT8), Map.entry("unknown", UNKNOWN), Map.entry("inet", INET),
        Map.entry("bpchar", BPCHAR), Map.entry("char", BPCHAR), Map.entry("character", BPCHAR),
        Map.entry("varchar", VARCHAR), Map.entry("date", DATE), Map.entry("time", TIME), Map.entry("timetz", TIMETZ), Map.entry("timestamp", TIMESTAMP),
        Map.entry("timestamptz", TIMESTAMPTZ), Map.entry("interval", INTERVAL), Map.entry("numeric", NUMERIC),
        Map.entry("decimal", NUMERIC), Map.entry("regtype", REGTYPE), Map.entry("uuid", UUID), Map.entry("json", JSON), Map.entry("jsonb", JSONB), Map.entry("jsonpath", JSONPATH), Map.entry("pg_lsn", PG_LSN),
        Map.entry("\"char\"", CHAR), Map.entry("regclass", REGCLASS), Map.entry("int2vector", INT2VECTOR), Map.entry("oidvector", OIDVECTOR), Map.entry("regnamespace", REGNAMESPACE), Map.entry("regproc", REGPROC),
        Map.entry("regprocedure", REGPROCEDURE), Map.entry("record", RECORD),
        Map.entry("tsvector", TSVECTOR),
        Map.entry("tsquery", TSQUERY),
        Map.entry("regconfig", REGCONFIG), Map.entry("regdictionary", REGDICTIONARY),
        Map.entry("int4range", INT4RANGE), Map.entry("numrange", NUMRANGE), Map.entry("tsrange", TSRANGE),
        Map.entry("tstzrange", TSTZRANGE), Map.entry("daterange", DATERANGE), Map.entry("int8range", INT8RANGE));

    /** Every base, pseudo and array type (pg_type's rows). */
    public static java.util.List<PgType> all() {
        java.util.List<PgType> out = new java.util.ArrayList<>(java.util.List.of(ALL));
        out.addAll(java.util.List.of(ARRAYS));
        return out;
    }

    /** A type by the name a user wrote (already lower-cased), or null; int4[] and _int4 name arrays. */
    public static PgType byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("[]")) {
            PgType e = byName(n.substring(0, n.length() - 2));
            return e == null ? null : arrayOf(e);
        }
        if (n.startsWith("_")) {
            PgType e = BY_NAME.get(n.substring(1));
            return e == null ? null : arrayOf(e);
        }
        return BY_NAME.get(n);
    }

    public static PgType byOid(int oid) {
        if (oid == 2249) {
            return RECORD;
        }
        for (PgType t : ALL) {
            if (t.oid == oid) {
                return t;
            }
        }
        for (PgType t : ARRAYS) {
            if (t.oid == oid) {
                return t;
            }
        }
        return null;
    }

    /** The array type whose elements are of type t (arrays of arrays are the same type), or null. */
    public static PgType arrayOf(PgType t) {
        if (t.element != null) {
            return t;
        }
        if (t.user != null) {
            return t.user.array();
        }
        if (t.rowArray != null) {
            return t.rowArray;
        }
        for (PgType a : ARRAYS) {
            if (a.element == t) {
                return a;
            }
        }
        return null;
    }

    /** The element type of an array type, null for other types. */
    public PgType elementType() { return element; }
    public boolean isArray() { return element != null; }

    public int oid() { return oid; }
    /** pg_type.typname, e.g. int4: what column names of casts show. */
    public String name() { return name; }
    /** format_type's rendering, e.g. integer: what error messages show. */
    public String displayName() { return displayName; }
    public short length() { return length; }
    public char category() { return category; }
    public boolean isPreferred() { return preferred; }
    public boolean isPseudo() { return category == 'P'; }
    public boolean isInteger() { return this == INT2 || this == INT4 || this == INT8; }
    public boolean isString() { return category == 'S'; }

    /** format_type with a type modifier: character varying(3), numeric(10,2), ... */
    public String displayName(int typmod) {
        if (typmod < 0) {
            return displayName;
        }
        if (this == NUMERIC) {
            int t = typmod - 4;
            return "numeric(" + ((t >> 16) & 0xffff) + "," + (t & 0xffff) + ")";
        }
        if (this == VARCHAR || this == BPCHAR) {
            return displayName + "(" + (typmod - 4) + ")";
        }
        if (element != null) {
            return element.displayName(typmod) + "[]";
        }
        if (this == TIMESTAMP) {
            return "timestamp(" + typmod + ") without time zone";
        }
        if (this == TIMESTAMPTZ) {
            return "timestamp(" + typmod + ") with time zone";
        }
        if (this == TIME) {
            return "time(" + typmod + ") without time zone";
        }
        if (this == TIMETZ) {
            return "time(" + typmod + ") with time zone";
        }
        return displayName;
    }

    @Override
    public String toString() { return name; }
}
