package org.tuskdb.sql.internal.value;

import java.nio.charset.StandardCharsets;

/**
 * json (the validated text, kept as written) and jsonb (the parsed tree, printed in
 * normalized form). Only jsonb has an ordering (PostgreSQL has no json = json).
 * Binary forms: json's is its text, jsonb's a version byte 1 and the text.
 */
public final class JsonValue extends Value {
    private final PgType type;
    private final String text;   // json: as written; jsonb: normalized (made on demand)
    private final Object tree;   // jsonb: the tree; json: null until needed
    private String normalized;

    private JsonValue(PgType type, String text, Object tree) {
        this.type = type;
        this.text = text;
        this.tree = tree;
    }

    public static JsonValue json(String text) {
        Json.parse(text, false);
        return new JsonValue(PgType.JSON, text, null);
    }

    /** A json value from text already known to be valid. */
    public static JsonValue jsonTrusted(String text) {
        return new JsonValue(PgType.JSON, text, null);
    }

    public static JsonValue jsonb(String text) {
        return new JsonValue(PgType.JSONB, null, Json.parse(text, true));
    }

    public static JsonValue jsonb(Object tree) {
        return new JsonValue(PgType.JSONB, null, tree);
    }

    /** The document as a tree (json is parsed again: as PostgreSQL's json functions do). */
    public Object tree() {
        return tree != null ? tree : Json.parse(text, false);
    }

    public boolean isJsonb() { return type == PgType.JSONB; }

    @Override public PgType type() { return type; }

    @Override
    public String toText(SessionStyle style) {
        if (text != null) {
            return text;
        }
        String n = normalized;
        if (n == null) {
            n = Json.toJsonbText(tree);
            normalized = n;
        }
        return n;
    }

    @Override
    public byte[] toBinary() {
        byte[] t = toText(null).getBytes(StandardCharsets.UTF_8);
        if (type == PgType.JSON) {
            return t;
        }
        byte[] b = new byte[t.length + 1];
        b[0] = 1;
        System.arraycopy(t, 0, b, 1, t.length);
        return b;
    }

    @Override
    public int compareTo(Value other) {
        return Json.compareTop(tree(), ((JsonValue) other).tree());
    }

    @Override
    public int hashCode() {
        return type == PgType.JSONB ? toText(null).hashCode() : text.hashCode();
    }
}
