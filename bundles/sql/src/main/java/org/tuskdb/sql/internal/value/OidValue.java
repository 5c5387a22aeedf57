package org.tuskdb.sql.internal.value;

/** oid, xid and regtype: unsigned 32-bit numbers; regtype prints as the type's name. */
public final class OidValue extends Value {
    private final PgType type;
    private final long value;
    /** regclass / regnamespace / regproc: the name the value prints as (resolved when it was made), or null. */
    private final String label;

    public OidValue(PgType type, long value) {
        this(type, value, null);
    }

    public OidValue(PgType type, long value, String label) {
        this.type = type;
        this.value = value & 0xffffffffL;
        this.label = label;
    }

    public static OidValue oid(long v) {
        return new OidValue(PgType.OID, v);
    }

    public long value() { return value; }

    @Override public PgType type() { return type; }

    @Override
    public String toText(SessionStyle style) {
        if (label != null) {
            return label;
        }
        if (type == PgType.REGCONFIG || type == PgType.REGDICTIONARY) {
            String name = org.tuskdb.sql.internal.tsearch.TextSearchConfig.nameOf(type == PgType.REGCONFIG, value);
            return name == null ? Long.toString(value) : name;
        }
        if (type == PgType.REGTYPE) {
            PgType t = PgType.byOid((int) value);
            return t == null ? Long.toString(value) : t.displayName();
        }
        return Long.toString(value);
    }

    @Override public byte[] toBinary() { return int4Bytes((int) value); }
    @Override
    public boolean equals(Object o) {
        return o instanceof OidValue other && other.value == value;
    }

    @Override public int compareTo(Value other) { return Long.compare(value, ((OidValue) other).value); }
    @Override public int hashCode() { return Long.hashCode(value); }
}
