package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;

/**
 * PostgreSQL's overload resolution (parse_func.c func_select_candidate, parse_oper.c), the
 * rules in the manual's "Type Conversion" chapter:
 * <ol>
 * <li>an exact match of the argument types wins (for a binary operator with one unknown
 * argument, the other argument's type is assumed for it);</li>
 * <li>keep the candidates every argument can be implicitly coerced to; if one, done;</li>
 * <li>keep those with the most exact matches on known-type arguments;</li>
 * <li>then those with the most preferred types where coercion is needed;</li>
 * <li>for unknown arguments, pick a category per position (string if any candidate takes a
 * string there, else the one category all candidates agree on) and keep candidates in it,
 * preferring preferred types;</li>
 * <li>last: if all known arguments share a type, assume the unknowns have it too.</li>
 * </ol>
 */
public final class TypeResolver {
    private TypeResolver() {}

    /** Outcome: the chosen candidate, or none / ambiguous. */
    public record Result(FunctionDef chosen, boolean ambiguous) {}

    public static Result resolve(List<FunctionDef> all, List<PgType> args, boolean binaryOperator) {
        int n = args.size();
        List<FunctionDef> candidates = new ArrayList<>();
        for (FunctionDef f : all) {
            if (f.accepts(n)) {
                candidates.add(f);
            }
        }
        if (candidates.isEmpty()) {
            return new Result(null, false);
        }
        // 1. exact match
        List<PgType> exactTypes = args;
        if (binaryOperator && n == 2) {
            if (args.get(0) == PgType.UNKNOWN && args.get(1) != PgType.UNKNOWN) {
                exactTypes = List.of(args.get(1), args.get(1));
            } else if (args.get(1) == PgType.UNKNOWN && args.get(0) != PgType.UNKNOWN) {
                exactTypes = List.of(args.get(0), args.get(0));
            }
        }
        for (FunctionDef f : candidates) {
            if (typesOf(f, n).equals(exactTypes)) {
                return new Result(f, false);
            }
        }
        // 2. implicit coercibility
        List<FunctionDef> viable = new ArrayList<>();
        for (FunctionDef f : candidates) {
            if (canCoerceAll(args, typesOf(f, n))) {
                viable.add(f);
            }
        }
        if (viable.size() <= 1) {
            return new Result(viable.isEmpty() ? null : viable.get(0), false);
        }
        FunctionDef chosen = selectCandidate(args, viable);
        return new Result(chosen, chosen == null);
    }

    static List<PgType> typesOf(FunctionDef f, int n) {
        if (!f.variadic()) {
            return f.argTypes();
        }
        List<PgType> t = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            t.add(f.argType(i));
        }
        return t;
    }

    private static boolean canCoerceAll(List<PgType> from, List<PgType> to) {
        for (int i = 0; i < from.size(); i++) {
            PgType target = to.get(i);
            if (target == PgType.ANY || target == PgType.ANYNONARRAY) {
                continue;
            }
            if (!Casts.canCoerceImplicitly(from.get(i), target)) {
                return false;
            }
        }
        return true;
    }

    private static FunctionDef selectCandidate(List<PgType> args, List<FunctionDef> candidates) {
        int n = args.size();
        // 3. most exact matches on known inputs
        candidates = keepBest(candidates, f -> {
            int m = 0;
            List<PgType> t = typesOf(f, n);
            for (int i = 0; i < n; i++) {
                if (args.get(i) != PgType.UNKNOWN && t.get(i) == args.get(i)) {
                    m++;
                }
            }
            return m;
        });
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        // 4. most exact-or-preferred matches on known inputs
        candidates = keepBest(candidates, f -> {
            int m = 0;
            List<PgType> t = typesOf(f, n);
            for (int i = 0; i < n; i++) {
                if (args.get(i) != PgType.UNKNOWN && (t.get(i) == args.get(i) || t.get(i).isPreferred())) {
                    m++;
                }
            }
            return m;
        });
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        // 5. categories for unknown inputs
        int unknowns = 0;
        for (PgType a : args) {
            if (a == PgType.UNKNOWN) {
                unknowns++;
            }
        }
        if (unknowns > 0) {
            char[] slotCategory = new char[n];
            boolean[] slotPreferred = new boolean[n];
            boolean resolved = true;
            for (int i = 0; i < n && resolved; i++) {
                if (args.get(i) != PgType.UNKNOWN) {
                    continue;
                }
                char category = 0;
                boolean preferred = false;
                boolean conflict = false;
                for (FunctionDef f : candidates) {
                    PgType t = typesOf(f, n).get(i);
                    if (category == 0) {
                        category = t.category();
                        preferred = t.isPreferred();
                    } else if (t.category() == category) {
                        preferred |= t.isPreferred();
                    } else if (t.category() == 'S') {
                        category = 'S';
                        preferred = t.isPreferred();
                    } else {
                        conflict = true;
                    }
                }
                if (conflict && category != 'S') {
                    resolved = false;
                }
                slotCategory[i] = category;
                slotPreferred[i] = preferred;
            }
            if (resolved) {
                List<FunctionDef> kept = new ArrayList<>();
                for (FunctionDef f : candidates) {
                    List<PgType> t = typesOf(f, n);
                    boolean keep = true;
                    for (int i = 0; i < n && keep; i++) {
                        if (args.get(i) != PgType.UNKNOWN) {
                            continue;
                        }
                        if (t.get(i).category() != slotCategory[i] || (slotPreferred[i] && !t.get(i).isPreferred())) {
                            keep = false;
                        }
                    }
                    if (keep) {
                        kept.add(f);
                    }
                }
                if (!kept.isEmpty()) {
                    candidates = kept;
                }
                if (candidates.size() == 1) {
                    return candidates.get(0);
                }
            }
        }
        // 6. unknowns take the one known type
        if (unknowns > 0 && unknowns < n) {
            PgType known = null;
            for (PgType a : args) {
                if (a == PgType.UNKNOWN) {
                    continue;
                }
                if (known == null) {
                    known = a;
                } else if (known != a) {
                    known = null;
                    break;
                }
            }
            if (known != null) {
                List<PgType> assumed = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    assumed.add(known);
                }
                FunctionDef only = null;
                for (FunctionDef f : candidates) {
                    if (canCoerceAll(assumed, typesOf(f, n))) {
                        if (only != null) {
                            return null;
                        }
                        only = f;
                    }
                }
                return only;
            }
        }
        return null;
    }

    private static List<FunctionDef> keepBest(List<FunctionDef> candidates, java.util.function.ToIntFunction<FunctionDef> score) {
        int best = -1;
        List<FunctionDef> kept = new ArrayList<>();
        for (FunctionDef f : candidates) {
            int s = score.applyAsInt(f);
            if (s > best) {
                best = s;
                kept.clear();
            }
            if (s == best) {
                kept.add(f);
            }
        }
        return kept;
    }
}
