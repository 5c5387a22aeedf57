package org.tuskdb.sql.internal.value;

import java.nio.charset.StandardCharsets;

/**
 * A value of a user-defined enum type: one of the type's labels. Ordered by the label's sort
 * order (enum_cmp), which is stable for the life of the type, so values read under an older and a
 * newer description of the type compare alike. Text and binary forms are the label (enum_out,
 * enum_send).
 */
public final class EnumValue extends Value {
    private final PgType type;
    private final EnumLabel label;

    EnumValue(PgType type, EnumLabel label) {
        this.type = type;
        this.label = label;
    }

    public String label() { return label.label(); }

    /** The label's pg_enum oid. */
    public long labelOid() { return label.oid(); }

    public float sortOrder() { return label.sortOrder(); }

    @Override public PgType type() { return type; }
    @Override public String toText(SessionStyle style) { return label.label(); }
    @Override public byte[] toBinary() { return label.label().getBytes(StandardCharsets.UTF_8); }

    @Override
    public int compareTo(Value other) {
        return Float.compare(label.sortOrder(), ((EnumValue) other).label.sortOrder());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(label.oid());
    }
}
