package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.TSVECTOR;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TsVectorValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Full-text search over tsvector (tsvector_op.c): tsvector_cmp's comparison operators, {@code ||}
 * (tsvector_concat: the right side's positions move past the left side's largest), strip, length,
 * setweight, tsvector_to_array and array_to_tsvector.
 */
final class TextSearchFunctions {
    private TextSearchFunctions() {}

    static void register(FunctionRegistry r) {
        ComparisonOperators.comparisons(r, TSVECTOR, TSVECTOR);
        r.op("||", TSVECTOR, TSVECTOR, TSVECTOR, (a, b) -> concat((TsVectorValue) a, (TsVectorValue) b));
        r.fn("strip", TSVECTOR, List.of(TSVECTOR), (a, c) -> strip((TsVectorValue) a[0]));
        r.fn("length", PgType.INT4, List.of(TSVECTOR), (a, c) -> IntegerValue.int4(((TsVectorValue) a[0]).size()));
        r.fn("setweight", TSVECTOR, List.of(TSVECTOR, PgType.CHAR),
            (a, c) -> setweight((TsVectorValue) a[0], ((TextValue) a[1]).value()));
        r.fn("tsvector_to_array", PgType.TEXT_ARRAY, List.of(TSVECTOR), (a, c) -> {
            TsVectorValue v = (TsVectorValue) a[0];
            Value[] out = new Value[v.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = TextValue.text(v.lexeme(i));
            }
            return new ArrayValue(PgType.TEXT_ARRAY, out);
        });
        PgType unnestRow = PgType.recordOf(List.of("lexeme", "positions", "weights"),
            List.of(PgType.TEXT, PgType.INT2_ARRAY, PgType.TEXT_ARRAY));
        r.addTableFunction(new TableFunctionDef(
            new FunctionDef("unnest", List.of(TSVECTOR), unnestRow, false, true, 'i', null),
            List.of(new Relation.Column("lexeme", PgType.TEXT, -1), new Relation.Column("positions", PgType.INT2_ARRAY, -1),
                new Relation.Column("weights", PgType.TEXT_ARRAY, -1)),
            (a, c) -> {
                TsVectorValue v = (TsVectorValue) a[0];
                return new TableFunctionDef.Rows() {
                    private int next;

                    @Override
                    public Value[] next() {
                        return next < v.size() ? unnestRow(v, next++) : null;
                    }
                };
            }));
        r.fn("array_to_tsvector", TSVECTOR, List.of(PgType.TEXT_ARRAY), (a, c) -> {
            TsVectorValue.Builder b = new TsVectorValue.Builder();
            for (Value e : ((ArrayValue) a[0]).elements()) {
                if (e == null) {
                    throw DatabaseException.error("22004", "lexeme array may not contain nulls");
                }
                String s = ((TextValue) e).value();
                if (s.isEmpty()) {
                    throw DatabaseException.error("2200F", "lexeme array may not contain empty strings");
                }
                b.add(s, null);
            }
            return b.build();
        });
        FullTextFunctions.register(r);
    }

    /** One row of unnest(tsvector): the lexeme, its positions and their weights (NULLs when it has none). */
    private static Value[] unnestRow(TsVectorValue v, int i) {
        short[] p = v.positions(i);
        if (p == null) {
            return new Value[] {TextValue.text(v.lexeme(i)), null, null};
        }
        Value[] pos = new Value[p.length];
        Value[] weights = new Value[p.length];
        for (int j = 0; j < p.length; j++) {
            pos[j] = IntegerValue.of(PgType.INT2, TsVectorValue.pos(p[j]));
            weights[j] = TextValue.text(String.valueOf("DCBA".charAt(TsVectorValue.weight(p[j]))));
        }
        return new Value[] {TextValue.text(v.lexeme(i)), new ArrayValue(PgType.INT2_ARRAY, pos),
            new ArrayValue(PgType.TEXT_ARRAY, weights)};
    }

    private static TsVectorValue strip(TsVectorValue v) {
        String[] lex = new String[v.size()];
        for (int i = 0; i < lex.length; i++) {
            lex[i] = v.lexeme(i);
        }
        return new TsVectorValue(lex, new short[lex.length][]);
    }

    private static TsVectorValue setweight(TsVectorValue v, String w) {
        int weight = switch (w.isEmpty() ? 0 : w.charAt(0)) {
            case 'A', 'a' -> 3;
            case 'B', 'b' -> 2;
            case 'C', 'c' -> 1;
            case 'D', 'd' -> 0;
            default -> throw DatabaseException.error("XX000", "unrecognized weight: " + (w.isEmpty() ? 0 : (int) w.charAt(0)));
        };
        String[] lex = new String[v.size()];
        short[][] pos = new short[lex.length][];
        for (int i = 0; i < lex.length; i++) {
            lex[i] = v.lexeme(i);
            short[] p = v.positions(i);
            if (p != null) {
                pos[i] = new short[p.length];
                for (int j = 0; j < p.length; j++) {
                    pos[i][j] = TsVectorValue.pack(TsVectorValue.pos(p[j]), weight);
                }
            }
        }
        return new TsVectorValue(lex, pos);
    }

    /** tsvector_concat: the right operand's positions are shifted by the left one's largest position. */
    private static TsVectorValue concat(TsVectorValue a, TsVectorValue b) {
        int max = 0;
        for (int i = 0; i < a.size(); i++) {
            short[] p = a.positions(i);
            if (p != null) {
                for (short s : p) {
                    max = Math.max(max, TsVectorValue.pos(s));
                }
            }
        }
        TsVectorValue.Builder out = new TsVectorValue.Builder();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.lexeme(i), a.positions(i));
        }
        for (int i = 0; i < b.size(); i++) {
            short[] p = b.positions(i);
            short[] shifted = null;
            if (p != null) {
                shifted = new short[p.length];
                for (int j = 0; j < p.length; j++) {
                    shifted[j] = TsVectorValue.pack(TsVectorValue.pos(p[j]) + max, TsVectorValue.weight(p[j]));
                }
            }
            out.add(b.lexeme(i), shifted);
        }
        return out.build();
    }
}
