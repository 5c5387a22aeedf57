package org.tuskdb.sql.internal.function;

import java.util.List;
import java.util.UUID;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.UuidValue;

/** gen_random_uuid(): a version 4 UUID from the JDK's cryptographically strong generator. */
final class UuidFunctions {
    private UuidFunctions() {}

    static void register(FunctionRegistry r) {
        r.fn("gen_random_uuid", PgType.UUID, List.of(), 'v', (a, c) -> {
            UUID u = UUID.randomUUID();
            byte[] b = new byte[16];
            long hi = u.getMostSignificantBits();
            long lo = u.getLeastSignificantBits();
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            return new UuidValue(b);
        });
    }
}
