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
 * LANGUAGE sql or plpgsql, its input parameters (names may be null), DEFAULT expressions' source
 * texts for the last {@code defaults.size()} parameters, and the body's text. A function with
 * OUT / INOUT parameters or RETURNS TABLE has {@code modes} (pg_proc.proargmodes: one of i, o, b,
 * t per declared parameter, v for a VARIADIC one) and every parameter's name and type in declaration order
 * ({@code allNames}, {@code allTypes}); its result columns are the o, b and t ones.
 */
public record UserFunction(long oid, long namespace, String name, List<String> argNames, List<PgType> argTypes,
                           List<String> defaults, PgType returnType, boolean retset, boolean strict, char volatility,
                           String body, boolean sqlBody, long language, String modes, List<String> allNames,
                           List<PgType> allTypes) {

    /** The pg_language oid of c: an extension's member, its body (prosrc) a symbol of function/ExtensionLibrary. */
    public static final long LANGUAGE_C = 13;
    /** The pg_language oid of sql. */
    public static final long LANGUAGE_SQL = 14;
    /** The pg_language oid Tusk gives plpgsql. */
    public static final long LANGUAGE_PLPGSQL = 13_541;

    /**
     * A SQL-standard body as SQL again (pg_get_function_sqlbody; pg_dump writes it after the
     * options): "RETURN expr" for a RETURN body (kept as {@code SELECT expr}), else
     * "BEGIN ATOMIC ... END" around the statements as written. Null for a body in a string.
     */
    public String sqlBodyText() {
        if (!sqlBody) {
            return null;
        }
        String b = body.strip();
        if (!b.isEmpty() && !b.endsWith(";") && b.regionMatches(true, 0, "SELECT ", 0, 7)) {
            return "RETURN " + b.substring(7);
        }
        return b.isEmpty() ? "BEGIN ATOMIC\nEND" : "BEGIN ATOMIC\n " + b + "\nEND";
    }

    public boolean plpgsql() {
        return language == LANGUAGE_PLPGSQL;
    }

    /** An extension's C function (its implementation is built in; the body names it). */
    public boolean builtinC() {
        return language == LANGUAGE_C;
    }

    /** Whether the function has OUT, INOUT or TABLE parameters. */
    public boolean hasOutParams() {
        return modes != null && (modes.indexOf('o') >= 0 || modes.indexOf('b') >= 0 || modes.indexOf('t') >= 0);
    }

    /** Whether the last input parameter is VARIADIC (an array the call's trailing arguments fill). */
    public boolean variadic() {
        return modes != null && modes.indexOf('v') >= 0;
    }

    /**
     * The columns a call in FROM gives (build_function_result_tupdesc): the OUT / INOUT / TABLE
     * parameters (an unnamed one is "columnN"), else one column named after the function.
     */
    public List<Relation.Column> resultColumns() {
        if (!hasOutParams() && returnType.isComposite()) {
            List<Relation.Column> out = new ArrayList<>();
            for (int i = 0; i < returnType.fieldCount(); i++) {
                out.add(new Relation.Column(returnType.fieldName(i), returnType.fieldType(i), returnType.fieldTypmod(i)));
            }
            return List.copyOf(out);
        }
        if (!hasOutParams()) {
            return List.of(new Relation.Column(name, returnType, -1));
        }
        List<Relation.Column> out = new ArrayList<>();
        for (int i = 0; i < modes.length(); i++) {
            if (modes.charAt(i) != 'i' && modes.charAt(i) != 'v') {
                String n = allNames.get(i);
                out.add(new Relation.Column(n != null ? n : "column" + (out.size() + 1), allTypes.get(i), -1));
            }
        }
        return List.copyOf(out);
    }

    /** A composite result (several OUT columns, or a table's row type): a row, not a scalar. */
    public boolean returnsRow() {
        return returnType.isComposite() || hasOutParams() && resultColumns().size() > 1;
    }

    /** RETURNS [SETOF] record without OUT parameters: the columns come from the call's column definition list. */
    public boolean returnsAnyRecord() {
        return !hasOutParams() && returnType == PgType.RECORD;
    }

    /** The signature as PostgreSQL's messages print it: {@code f(integer, text)}. */
    public String signature() {
        return signature(name, argTypes);
    }

    /** The signature as format_procedure prints it (PL/pgSQL CONTEXT lines, DROP's dependents): {@code f(integer,text)}. */
    public String identity() {
        return signature().replace(", ", ",");
    }

    public static String signature(String name, List<PgType> types) {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < types.size(); i++) {
            b.append(i > 0 ? ", " : "").append(types.get(i).displayName());
        }
        return b.append(')').toString();
    }

    /** pg_get_function_result: the type, SETOF type, or TABLE(name type, ...) for RETURNS TABLE. */
    public String resultText() {
        if (modes != null && modes.indexOf('t') >= 0) {
            StringBuilder b = new StringBuilder("TABLE(");
            for (int i = 0; i < modes.length(); i++) {
                if (modes.charAt(i) == 't') {
                    b.append(b.length() > 6 ? ", " : "").append(allNames.get(i)).append(' ')
                        .append(allTypes.get(i).displayName());
                }
            }
            return b.append(')').toString();
        }
        return (retset ? "SETOF " : "") + returnType.displayName();
    }

    /**
     * pg_get_function_arguments ({@code identity} false: with OUT parameters and DEFAULTs) and
     * pg_get_function_identity_arguments (true: the parameters that make the signature).
     */
    public String argumentsText(boolean identity) {
        List<String> names = modes == null ? argNames : allNames;
        List<PgType> types = modes == null ? argTypes : allTypes;
        StringBuilder b = new StringBuilder();
        int in = 0;
        int firstDefault = argTypes.size() - defaults.size();
        for (int i = 0; i < types.size(); i++) {
            char m = modes == null ? 'i' : modes.charAt(i);
            if (m == 't' || identity && m == 'o') {
                continue;
            }
            b.append(b.isEmpty() ? "" : ", ").append(m == 'o' ? "OUT " : m == 'b' ? "INOUT " : m == 'v' ? "VARIADIC " : "");
            if (names.get(i) != null) {
                b.append(names.get(i)).append(' ');
            }
            b.append(types.get(i).displayName());
            if (m != 'o') {
                if (!identity && in >= firstDefault) {
                    b.append(" DEFAULT ").append(defaults.get(in - firstDefault));
                }
                in++;
            }
        }
        return b.toString();
    }

    public Value[] toRow() {
        String types = typeList(argTypes);
        String names = argNames.stream().anyMatch(n -> n != null) ? nameList(argNames) : null;
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(namespace),
            OidValue.oid(language), BoolValue.of(strict), BoolValue.of(retset),
            TextValue.text(String.valueOf(volatility)), IntegerValue.of(PgType.INT2, argTypes.size()),
            IntegerValue.of(PgType.INT2, defaults.size()), OidValue.oid(returnType.oid()), TextValue.text(types),
            names == null ? null : TextValue.text(names),
            defaults.isEmpty() ? null : TextValue.text(encodeDefaults(defaults)),
            TextValue.text(sqlBody ? "" : body), sqlBody ? TextValue.text(body) : null,
            modes == null ? null : TextValue.text(typeList(allTypes)), modes == null ? null : TextValue.text(modes),
            modes == null ? null : TextValue.text(nameList(allNames)), OidValue.oid(CatalogTables.SUPERUSER_OID), null};
    }

    /** {@link #toRow()} owned by {@code owner}. */
    public Value[] toRow(long owner) {
        Value[] row = toRow();
        row[CatalogTables.PROC_OWNER] = OidValue.oid(owner);
        return row;
    }

    private static String typeList(List<PgType> types) {
        StringBuilder b = new StringBuilder();
        for (PgType t : types) {
            b.append(b.isEmpty() ? "" : " ").append(t.oid());
        }
        return b.toString();
    }

    private static List<PgType> parseTypes(String typeText, java.util.function.LongFunction<PgType> rowTypes) {
        List<PgType> types = new ArrayList<>();
        if (!typeText.isEmpty()) {
            for (String t : typeText.split(" ")) {
                types.add(type(Long.parseLong(t), rowTypes));
            }
        }
        return List.copyOf(types);
    }

    private static PgType type(long oid, java.util.function.LongFunction<PgType> rowTypes) {
        PgType t = PgType.byOid((int) oid);
        if (t == null) {
            t = rowTypes.apply(oid);
        }
        if (t == null) {
            // the table was dropped (PostgreSQL's dependency would have dropped the function)
            t = PgType.RECORD;
        }
        return t;
    }

    /** Names as a text[] literal ("" for an unnamed parameter). */
    private static String nameList(List<String> names) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i) == null ? "" : names.get(i);
            b.append(i > 0 ? "," : "").append('"').append(n.replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"');
        }
        return b.append('}').toString();
    }

    /**
     * The function of a stored row; {@code rowTypes} gives the row type of a table by its oid
     * (types that are not built-in: a parameter or result of a table's type).
     */
    public static UserFunction fromRow(Value[] row, java.util.function.LongFunction<PgType> rowTypes) {
        List<PgType> types = parseTypes(text(row[10]), rowTypes);
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
        String modes = row.length > 16 ? text(row[16]) : null;
        List<PgType> allTypes = modes == null ? null : parseTypes(text(row[15]), rowTypes);
        List<String> allNames = modes == null ? null
            : java.util.Collections.unmodifiableList(decodeNames(text(row[17])));
        return new UserFunction(((OidValue) row[0]).value(), ((OidValue) row[2]).value(), text(row[1]),
            java.util.Collections.unmodifiableList(names), types,
            defaults == null ? List.of() : decodeDefaults(defaults), type(((OidValue) row[9]).value(), rowTypes),
            ((BoolValue) row[5]).value(), ((BoolValue) row[4]).value(), text(row[6]).charAt(0),
            sqlBody != null ? sqlBody : text(row[13]), sqlBody != null, ((OidValue) row[3]).value(), modes, allNames,
            allTypes);
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
