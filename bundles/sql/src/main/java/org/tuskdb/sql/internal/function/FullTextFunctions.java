package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.FLOAT4;
import static org.tuskdb.sql.internal.value.PgType.FLOAT4_ARRAY;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.REGCONFIG;
import static org.tuskdb.sql.internal.value.PgType.TEXT;
import static org.tuskdb.sql.internal.value.PgType.TSQUERY;
import static org.tuskdb.sql.internal.value.PgType.TSVECTOR;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.tsearch.QueryBuilder;
import org.tuskdb.sql.internal.tsearch.Ranking;
import org.tuskdb.sql.internal.tsearch.TextParser;
import org.tuskdb.sql.internal.tsearch.TextSearchConfig;
import org.tuskdb.sql.internal.tsearch.VectorOperands;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TsQueryValue;
import org.tuskdb.sql.internal.value.TsVectorValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Documents and queries through a text search configuration (to_tsany.c, tsvector_op.c,
 * tsrank.c, wparser.c): to_tsvector, the to_tsquery family, {@code @@} in its four forms, ts_rank
 * and ts_rank_cd, ts_lexize, ts_parse, ts_token_type and get_current_ts_config. Registered with
 * TextSearchFunctions' family.
 *
 * <p>Rule: the forms with a configuration argument are immutable (a generated column may use
 * them); those without read default_text_search_config and are stable, as in PostgreSQL.
 */
final class FullTextFunctions {
    private FullTextFunctions() {}

    static void register(FunctionRegistry r) {
        r.fn("to_tsvector", TSVECTOR, List.of(REGCONFIG, TEXT), (a, c) -> toTsvector(config(a[0]), text(a[1])));
        r.fn("to_tsvector", TSVECTOR, List.of(TEXT), 's', (a, c) -> toTsvector(defaultConfig(c), text(a[0])));
        query(r, "to_tsquery", TsQueryValue.Mode.STANDARD, TsQueryValue.PHRASE);
        query(r, "plainto_tsquery", TsQueryValue.Mode.PLAIN, TsQueryValue.AND);
        query(r, "phraseto_tsquery", TsQueryValue.Mode.PLAIN, TsQueryValue.PHRASE);
        query(r, "websearch_to_tsquery", TsQueryValue.Mode.WEB, TsQueryValue.PHRASE);
        r.op("@@", TSVECTOR, TSQUERY, PgType.BOOL,
            (v, q) -> BoolValue.of(VectorOperands.matches((TsVectorValue) v, (TsQueryValue) q)));
        r.op("@@", TSQUERY, TSVECTOR, PgType.BOOL,
            (q, v) -> BoolValue.of(VectorOperands.matches((TsVectorValue) v, (TsQueryValue) q)));
        r.addOperator(new FunctionDef("@@", List.of(TEXT, TSQUERY), PgType.BOOL, false, true, 's', (a, c) ->
            BoolValue.of(VectorOperands.matches(toTsvector(defaultConfig(c), text(a[0])), (TsQueryValue) a[1]))));
        r.addOperator(new FunctionDef("@@", List.of(TEXT, TEXT), PgType.BOOL, false, true, 's', (a, c) -> {
            TextSearchConfig cfg = defaultConfig(c);
            TsQueryValue q = toQuery(c, cfg, text(a[1]), TsQueryValue.Mode.PLAIN, TsQueryValue.AND);
            return BoolValue.of(VectorOperands.matches(toTsvector(cfg, text(a[0])), q));
        }));
        for (String name : List.of("ts_rank", "ts_rank_cd")) {
            boolean cd = name.equals("ts_rank_cd");
            r.fn(name, FLOAT4, List.of(TSVECTOR, TSQUERY), (a, c) -> rank(cd, Ranking.DEFAULT_WEIGHTS, a[0], a[1], 0));
            r.fn(name, FLOAT4, List.of(TSVECTOR, TSQUERY, INT4),
                (a, c) -> rank(cd, Ranking.DEFAULT_WEIGHTS, a[0], a[1], (int) ((IntegerValue) a[2]).value()));
            r.fn(name, FLOAT4, List.of(FLOAT4_ARRAY, TSVECTOR, TSQUERY), (a, c) -> rank(cd, weights(a[0]), a[1], a[2], 0));
            r.fn(name, FLOAT4, List.of(FLOAT4_ARRAY, TSVECTOR, TSQUERY, INT4),
                (a, c) -> rank(cd, weights(a[0]), a[1], a[2], (int) ((IntegerValue) a[3]).value()));
        }
        r.fn("get_current_ts_config", REGCONFIG, List.of(), 's', (a, c) -> regconfig(defaultConfig(c)));
        r.fn("ts_lexize", PgType.TEXT_ARRAY, List.of(PgType.REGDICTIONARY, TEXT), (a, c) -> {
            long oid = ((OidValue) a[0]).value();
            TextSearchConfig.Dictionary d = TextSearchConfig.dictionaryByOid(oid);
            if (d == null) {
                throw DatabaseException.error("XX000", "cache lookup failed for text search dictionary " + oid);
            }
            List<String> lexemes = d.lexize(text(a[1]));
            Value[] out = new Value[lexemes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = TextValue.text(lexemes.get(i));
            }
            return new ArrayValue(PgType.TEXT_ARRAY, out);
        });
        parserFunctions(r);
        // Every built-in text search object is in pg_catalog, which is always on the search path.
        r.fn("pg_ts_config_is_visible", PgType.BOOL, List.of(PgType.OID), 's',
            (a, c) -> BoolValue.of(TextSearchConfig.byOid(((OidValue) a[0]).value()) != null));
        r.fn("pg_ts_dict_is_visible", PgType.BOOL, List.of(PgType.OID), 's',
            (a, c) -> BoolValue.of(TextSearchConfig.dictionaryByOid(((OidValue) a[0]).value()) != null));
        r.fn("pg_ts_parser_is_visible", PgType.BOOL, List.of(PgType.OID), 's',
            (a, c) -> BoolValue.of(((OidValue) a[0]).value() == TextSearchConfig.PARSER_OID));
        r.fn("pg_ts_template_is_visible", PgType.BOOL, List.of(PgType.OID), 's', (a, c) -> {
            long o = ((OidValue) a[0]).value();
            return BoolValue.of(o == 3727 || o == 3730 || o == 3733 || o == 3742 || o == TextSearchConfig.SNOWBALL_TEMPLATE_OID);
        });
    }

    private static void query(FunctionRegistry r, String name, TsQueryValue.Mode mode, int operator) {
        r.fn(name, TSQUERY, List.of(REGCONFIG, TEXT), (a, c) -> toQuery(c, config(a[0]), text(a[1]), mode, operator));
        r.fn(name, TSQUERY, List.of(TEXT), 's', (a, c) -> toQuery(c, defaultConfig(c), text(a[0]), mode, operator));
    }

    private static TsQueryValue toQuery(EvalContext c, TextSearchConfig cfg, String text, TsQueryValue.Mode mode,
                                        int operator) {
        QueryBuilder.Result res = QueryBuilder.build(cfg, text, mode, operator);
        if (res.notice() != null) {
            c.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "00000", res.notice(), null, null, 0, null));
        }
        return res.query();
    }

    /** ts_token_type and ts_parse of the default parser (named 'default' or by its oid). */
    private static void parserFunctions(FunctionRegistry r) {
        List<Relation.Column> typeColumns = List.of(new Relation.Column("tokid", INT4, -1),
            new Relation.Column("alias", TEXT, -1), new Relation.Column("description", TEXT, -1));
        PgType typeRow = PgType.recordOf(List.of("tokid", "alias", "description"), List.of(INT4, TEXT, TEXT));
        List<Relation.Column> parseColumns = List.of(new Relation.Column("tokid", INT4, -1),
            new Relation.Column("token", TEXT, -1));
        PgType parseRow = PgType.recordOf(List.of("tokid", "token"), List.of(INT4, TEXT));
        for (PgType parser : List.of(TEXT, PgType.OID)) {
            r.addTableFunction(new TableFunctionDef(
                new FunctionDef("ts_token_type", List.of(parser), typeRow, false, true, 'i', null), typeColumns,
                (a, c) -> {
                    checkParser(a[0]);
                    return new TableFunctionDef.Rows() {
                        private int next = 1;

                        @Override
                        public Value[] next() {
                            if (next > TextParser.LAST_TYPE) {
                                return null;
                            }
                            int t = next++;
                            return new Value[] {IntegerValue.int4(t), TextValue.text(TextParser.ALIASES[t]),
                                TextValue.text(TextParser.DESCRIPTIONS[t])};
                        }
                    };
                }));
            r.addTableFunction(new TableFunctionDef(
                new FunctionDef("ts_parse", List.of(parser, TEXT), parseRow, false, true, 'i', null), parseColumns,
                (a, c) -> {
                    checkParser(a[0]);
                    TextParser p = new TextParser(text(a[1]));
                    return () -> {
                        TextParser.Token t = p.next();
                        return t == null ? null : new Value[] {IntegerValue.int4(t.type()), TextValue.text(t.text())};
                    };
                }));
        }
    }

    private static void checkParser(Value v) {
        if (v instanceof OidValue o) {
            if (o.value() != TextSearchConfig.PARSER_OID) {
                throw DatabaseException.error("XX000", "cache lookup failed for text search parser " + o.value());
            }
            return;
        }
        String name = text(v).trim();
        String plain = name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name;
        if (!plain.equalsIgnoreCase("default")) {
            throw DatabaseException.error("42704", "text search parser \"" + name + "\" does not exist");
        }
    }

    private static String text(Value v) {
        return ((TextValue) v).textValue();
    }

    static TsVectorValue toTsvector(TextSearchConfig cfg, String text) {
        java.util.Map<String, short[]> positions = new java.util.HashMap<>();
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (TextSearchConfig.Word w : cfg.parse(text)) {
            short[] p = positions.get(w.lexeme());
            int n = counts.getOrDefault(w.lexeme(), 0);
            if (p == null) {
                p = new short[4];
            } else if (n == p.length) {
                p = java.util.Arrays.copyOf(p, n * 2);
            }
            p[n] = TsVectorValue.pack(w.position(), 0);
            positions.put(w.lexeme(), p);
            counts.put(w.lexeme(), n + 1);
        }
        TsVectorValue.Builder b = new TsVectorValue.Builder();
        for (var e : positions.entrySet()) {
            b.add(e.getKey(), java.util.Arrays.copyOf(e.getValue(), counts.get(e.getKey())));
        }
        return b.build();
    }

    private static TextSearchConfig config(Value v) {
        long oid = ((OidValue) v).value();
        TextSearchConfig cfg = TextSearchConfig.byOid(oid);
        if (cfg == null) {
            throw DatabaseException.error("XX000", "cache lookup failed for text search configuration " + oid);
        }
        return cfg;
    }

    /** default_text_search_config's configuration (get_ts_cur_config). */
    static TextSearchConfig defaultConfig(EvalContext c) {
        String setting = c.showSetting("default_text_search_config", true);
        TextSearchConfig cfg = setting == null ? null : TextSearchConfig.bySettingValue(setting);
        if (cfg == null) {
            throw DatabaseException.error("42704", "text search configuration \"" + setting + "\" does not exist");
        }
        return cfg;
    }

    private static OidValue regconfig(TextSearchConfig cfg) {
        return new OidValue(REGCONFIG, cfg.oid, cfg.name);
    }

    private static float[] weights(Value v) {
        Value[] e = ((ArrayValue) v).elements();
        Float[] w = new Float[e.length];
        for (int i = 0; i < e.length; i++) {
            w[i] = e[i] == null ? null : (float) ((FloatValue) e[i]).value();
        }
        return Ranking.weights(w);
    }

    private static Value rank(boolean cd, float[] w, Value v, Value q, int method) {
        TsVectorValue t = (TsVectorValue) v;
        TsQueryValue query = (TsQueryValue) q;
        float r = cd ? Ranking.rankCd(w, t, query, method) : Ranking.rank(w, t, query, method);
        return FloatValue.float4(r);
    }
}
