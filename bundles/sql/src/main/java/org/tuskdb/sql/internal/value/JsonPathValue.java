package org.tuskdb.sql.internal.value;

import java.nio.charset.StandardCharsets;

/**
 * jsonpath: a parsed path, printed in its normalized form. The binary form is PostgreSQL's
 * jsonpath_send: a version byte 1 and the text. PostgreSQL has no comparison for jsonpath; the
 * ordering here (by text) only serves Tusk's generic code paths.
 */
public final class JsonPathValue extends Value {
    private final JsonPath path;

    public JsonPathValue(JsonPath path) {
        this.path = path;
    }

    public static JsonPathValue parse(String text) {
        return new JsonPathValue(JsonPath.parse(text));
    }

    public JsonPath path() {
        return path;
    }

    @Override public PgType type() { return PgType.JSONPATH; }

    @Override public String toText(SessionStyle style) { return path.toString(); }

    @Override
    public byte[] toBinary() {
        byte[] t = path.toString().getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[t.length + 1];
        b[0] = 1;
        System.arraycopy(t, 0, b, 1, t.length);
        return b;
    }

    @Override public int compareTo(Value other) { return path.toString().compareTo(other.toText(null)); }

    @Override public int hashCode() { return path.toString().hashCode(); }
}
