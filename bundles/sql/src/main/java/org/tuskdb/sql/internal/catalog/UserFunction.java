package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * A user-defined function as its stored pg_proc row says ({@link CatalogTables#PG_PROC}):
 * LANGUAGE sql, its parameters (names may be null), DEFAULT expressions' source texts for the
 * last {@code defaults.size()} parameters, and the body's text.
 */
public record UserFunction(long oid, long namespace, String name, List<String> argNames, List<PgType> argTypes,
                           List<String> defaults, PgType returnType, boolean retset, boolean strict, char volatility,
                           String body, boolean sqlBody, long language) {

    /** The pg_language oid of sql. */
    public static final long LANGUAGE_SQL = 14;
    /** The pg_language oid Tusk gives plpgsql. */
    public static final long LANGUAGE_PLPGSQL = 13_541;

    public boolean plpgsql() {
        return language == LANGUAGE_PLPGSQL;
    }

    /** The signature as PostgreSQL's messages print it: {@code f(integer, text)}. */
    public String signature() {
        return signature(name, argTypes);
    }

    public static String signature(String name, List<PgType> types) {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < types.size(); i++) {
            b.append(i > 0 ? ", " : "").append(types.get(i).displayName());
        }
        return b.append(')').toString();
    }

    public Value[] toRow() {
        StringBuilder types = new StringBuilder();
        for (PgType t : argTypes) {
            types.append(types.isEmpty() ? "" : " ").append(t.oid());
        }
        String names = null;
        if (argNames.stream().anyMatch(n -> n != null)) {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < argNames.size(); i++) {
                String n = argNames.get(i) == null ? "" : argNames.get(i);
                b.append(i > 0 ? "," : "").append('"').append(n.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            names = b.append('}').toString();
        }
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(namespace),
            OidValue.oid(language), BoolValue.of(strict), BoolValue.of(retset),
            TextValue.text(String.valueOf(volatility)), IntegerValue.of(PgType.INT2, argTypes.size()),
            IntegerValue.of(PgType.INT2, defaults.size()), OidValue.oid(returnType.oid()), TextValue.text(types.toString()),
            names == null ? null : TextValue.text(names),
            defaults.isEmpty() ? null : TextValue.text(encodeDefaults(defaults)),
            TextValue.text(sqlBody ? "" : body), sqlBody ? TextValue.text(body) : null};
    }

    public static UserFunction fromRow(Value[] row) {
        List<PgType> types = new ArrayList<>();
        String typeText = text(row[10]);
        if (!typeText.isEmpty()) {
            for (String t : typeText.split(" ")) {
                types.add(PgType.byOid(Integer.parseInt(t)));
            }
        }
        List<String> names = new ArrayList<>();
        String nameText = text(row[11]);
        if (nameText == null) {
            for (int i = 0; i < types.size(); i++) {
                names.add(null);
            }
        } else {
            names.addAll(decodeNames(nameText));
        }
        String defaults = text(row[12]);
        String sqlBody = row.length > 14 ? text(row[14]) : null;
        return new UserFunction(((OidValue) row[0]).value(), ((OidValue) row[2]).value(), text(row[1]),
            java.util.Collections.unmodifiableList(names), List.copyOf(types),
            defaults == null ? List.of() : decodeDefaults(defaults), PgType.byOid((int) ((OidValue) row[9]).value()),
            ((BoolValue) row[5]).value(), ((BoolValue) row[4]).value(), text(row[6]).charAt(0),
            sqlBody != null ? sqlBody : text(row[13]), sqlBody != null, ((OidValue) row[3]).value());
    }

    private static String text(Value v) {
        return v == null ? null : ((TextValue) v).value();
    }

    private static List<String> decodeNames(String literal) {
        List<String> out = new ArrayList<>();
        String s = literal.substring(1, literal.length() - 1);
        int i = 0;
        while (i < s.length()) {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (s.charAt(i) != '"') {
                if (s.charAt(i) == '\\') {
                    i++;
                }
                b.append(s.charAt(i++));
            }
            i += 2; // closing quote and comma
            out.add(b.isEmpty() ? null : b.toString());
        }
        return out;
    }

    /** The DEFAULT texts, each as its length, a colon and the text. */
    static String encodeDefaults(List<String> defaults) {
        StringBuilder b = new StringBuilder();
        for (String d : defaults) {
            b.append(d.length()).append(':').append(d);
        }
        return b.toString();
    }

    private static List<String> decodeDefaults(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int colon = s.indexOf(':', i);
            int n = Integer.parseInt(s.substring(i, colon));
            out.add(s.substring(colon + 1, colon + 1 + n));
            i = colon + 1 + n;
        }
        return List.copyOf(out);
    }
}
