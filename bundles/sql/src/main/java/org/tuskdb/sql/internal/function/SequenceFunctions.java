package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.util.List;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.TextValue;

/**
 * nextval, currval, setval, lastval (volatile; the sequence is named by text, which the session's
 * {@link org.tuskdb.sql.internal.sequence.SequenceManager} resolves like regclass input).
 */
final class SequenceFunctions {
    private SequenceFunctions() {}

    static void register(FunctionRegistry r) {
        r.fn("nextval", INT8, List.of(TEXT), 'v',
            (a, c) -> IntegerValue.int8(c.sequences().nextval(((TextValue) a[0]).textValue())));
        r.fn("currval", INT8, List.of(TEXT), 'v',
            (a, c) -> IntegerValue.int8(c.sequences().currval(((TextValue) a[0]).textValue())));
        r.fn("pg_get_serial_sequence", TEXT, List.of(TEXT, TEXT), 's', (a, c) -> {
            String seq = c.sequences().serialSequence(((TextValue) a[0]).textValue(), ((TextValue) a[1]).textValue());
            return seq == null ? null : TextValue.text(seq);
        });
        r.fn("lastval", INT8, List.of(), 'v', (a, c) -> IntegerValue.int8(c.sequences().lastval()));
        r.fn("setval", INT8, List.of(TEXT, INT8), 'v', (a, c) -> IntegerValue.int8(
            c.sequences().setval(((TextValue) a[0]).textValue(), ((IntegerValue) a[1]).value(), true)));
        r.fn("setval", INT8, List.of(TEXT, INT8, BOOL), 'v', (a, c) -> IntegerValue.int8(
            c.sequences().setval(((TextValue) a[0]).textValue(), ((IntegerValue) a[1]).value(),
                ((BoolValue) a[2]).value())));
    }
}
