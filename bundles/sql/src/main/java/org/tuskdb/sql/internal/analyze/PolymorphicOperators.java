package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.PgType;

/**
 * The registry has the array and range operators once per concrete type (int4[] = int4[],
 * int8range @> int8) where PostgreSQL declares them once over anyarray / anyrange / anyelement.
 * A polymorphic argument takes no implicit cast: its actual type is the one the call binds, and
 * the other polymorphic arguments must then agree exactly (parse_coerce.c's
 * check_generic_type_consistency). So {@code int[] = bigint[]} and {@code int8range @> integer}
 * find no operator (42883) although an implicit cast would reach a concrete candidate.
 *
 * <p>This filter drops those candidates before the usual resolution: a candidate standing for
 * a polymorphic array operator (comparison, @>, <@, && over two arrays of one type) when a known
 * argument is not that array type; one with a range argument when a known argument in a
 * range or subtype position is not exactly that type. {@code ||} is
 * anycompatiblearray, which does coerce, and stays.
 */
final class PolymorphicOperators {
    private PolymorphicOperators() {}

    private static final Set<String> ARRAY_OPERATORS = Set.of("=", "<>", "<", "<=", ">", ">=", "@>", "<@", "&&");

    static List<FunctionDef> exactOnly(String op, List<FunctionDef> candidates, List<PgType> args) {
        List<FunctionDef> out = null;
        for (int i = 0; i < candidates.size(); i++) {
            FunctionDef f = candidates.get(i);
            boolean drop = f.argTypes().size() == args.size() && !consistent(op, f.argTypes(), args);
            if (drop && out == null) {
                out = new ArrayList<>(candidates.subList(0, i));
            } else if (!drop && out != null) {
                out.add(f);
            }
        }
        return out == null ? candidates : out;
    }

    private static boolean consistent(String op, List<PgType> declared, List<PgType> args) {
        PgType range = null;
        for (PgType d : declared) {
            if (d.isRange()) {
                range = d;
                break;
            }
        }
        if (range != null) {
            for (int i = 0; i < args.size(); i++) {
                PgType d = declared.get(i);
                PgType a = args.get(i);
                boolean polymorphic = d.isRange() || d == range.rangeSubtype();
                if (polymorphic && a != PgType.UNKNOWN && a != d) {
                    return false;
                }
            }
            return true;
        }
        if (ARRAY_OPERATORS.contains(op) && declared.size() == 2 && declared.get(0).isArray()
            && declared.get(0) == declared.get(1)) {
            for (PgType a : args) {
                if (a != PgType.UNKNOWN && a != declared.get(0)) {
                    return false;
                }
            }
        }
        return true;
    }
}
