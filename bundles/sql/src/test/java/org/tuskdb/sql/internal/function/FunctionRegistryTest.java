package org.tuskdb.sql.internal.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tuskdb.sql.internal.value.PgType;

/** The lazily registered built-ins (FunctionRegistry, BuiltinFamilies). */
class FunctionRegistryTest {
    private static final int STRING_FUNCTIONS = Arrays.asList(BuiltinFamilies.NAMES).indexOf("StringFunctions");

    @Test
    void theIndexListsWhatEveryFamilyRegisters() {
        FunctionRegistry r = FunctionRegistry.eager();
        List<String> wrong = new ArrayList<>();
        assertEquals(BuiltinFamilies.COUNT, BuiltinFamilies.INDEX.length, "one INDEX entry per family");
        for (int f = 0; f < BuiltinFamilies.COUNT; f++) {
            String[] registered = r.registeredBy(f);
            for (int kind = 0; kind < 3; kind++) {
                if (!tokens(registered[kind]).equals(tokens(BuiltinFamilies.INDEX[f][kind]))) {
                    wrong.add(BuiltinFamilies.NAMES[f] + " registers (" + List.of("functions", "operators",
                        "set-returning functions").get(kind) + "): \"" + registered[kind] + "\"");
                }
            }
        }
        assertTrue(wrong.isEmpty(), "BuiltinFamilies.INDEX is out of date:\n" + String.join("\n", wrong));
    }

    @Test
    void lookupsInAnyOrderSeeTheCandidatesOfAnEagerRegistrationInItsOrder() {
        FunctionRegistry eager = FunctionRegistry.eager();
        List<String[]> keys = new ArrayList<>();
        for (int f = 0; f < BuiltinFamilies.COUNT; f++) {
            for (int kind = 0; kind < 3; kind++) {
                for (String k : tokens(BuiltinFamilies.INDEX[f][kind])) {
                    keys.add(new String[] {String.valueOf(kind), k});
                }
            }
        }
        for (long seed = 1; seed <= 3; seed++) {
            Collections.shuffle(keys, new Random(seed));
            FunctionRegistry lazy = FunctionRegistry.withBuiltins();
            for (String[] k : keys) {
                assertEquals(signatures(eager, k), signatures(lazy, k), "lookup of " + k[1] + " (seed " + seed + ")");
            }
        }
    }

    @Test
    void aLookupRegistersOnlyTheFamiliesOfItsName() {
        FunctionRegistry r = FunctionRegistry.withBuiltins();
        assertEquals(2, r.functions("INITCAP").size() + r.functions("quote_ident").size());
        for (int f = 0; f < BuiltinFamilies.COUNT; f++) {
            assertEquals(f == STRING_FUNCTIONS, r.registered(f), BuiltinFamilies.NAMES[f]);
        }
    }

    @Test
    void anUnknownNameFindsNothingAfterRegisteringEveryFamily() {
        FunctionRegistry r = FunctionRegistry.withBuiltins();
        assertTrue(r.functions("no_such_function").isEmpty());
        for (int f = 0; f < BuiltinFamilies.COUNT; f++) {
            assertTrue(r.registered(f), BuiltinFamilies.NAMES[f]);
        }
    }

    @Test
    void listingsSeeEveryFamily() {
        assertEquals(FunctionRegistry.eager().allFunctions().size(), FunctionRegistry.withBuiltins().allFunctions().size());
        assertEquals(FunctionRegistry.eager().procs().procs().size(), FunctionRegistry.withBuiltins().procs().procs().size());
    }

    @Test
    void anEntryAddedFromOutsideComesAfterTheBuiltInsOfItsNameAlsoBeforeTheirFamilyRegistered() {
        FunctionRegistry r = FunctionRegistry.withBuiltins();
        FunctionDef mine = new FunctionDef("initcap", List.of(PgType.INT4), PgType.TEXT, false, true, 'i', (a, c) -> null);
        r.addFunction(mine);
        List<FunctionDef> lower = r.functions("initcap");
        assertEquals(2, lower.size());
        assertEquals(PgType.TEXT, lower.get(0).argTypes().get(0));
        assertEquals(mine, lower.get(1));
    }

    private static TreeSet<String> tokens(String s) {
        TreeSet<String> t = new TreeSet<>(Arrays.asList(s.split(" ")));
        t.remove("");
        return t;
    }

    private static List<String> signatures(FunctionRegistry r, String[] key) {
        List<String> out = new ArrayList<>();
        switch (key[0]) {
            case "0" -> r.functions(key[1]).forEach(f -> out.add(signature(f)));
            case "1" -> {
                int slash = key[1].lastIndexOf('/');
                r.operators(key[1].substring(0, slash), Integer.parseInt(key[1].substring(slash + 1)))
                    .forEach(f -> out.add(signature(f)));
            }
            default -> r.tableFunctions(key[1]).forEach(t -> out.add(signature(t.signature()) + t.columns()));
        }
        return out;
    }

    private static String signature(FunctionDef f) {
        return f.name() + f.argTypes() + f.returnType() + f.variadic() + f.strict() + f.volatility()
            + (f.impl() == null ? "" : f.impl().getClass().getName());
    }
}
