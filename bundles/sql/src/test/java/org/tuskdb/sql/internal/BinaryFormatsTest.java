package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.sql.internal.storage.RowCodec;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * Binary send / receive (what the JDBC driver and binary parameters use) and the row storage
 * of the newer types: each value survives send → receive and encode → decode unchanged, and
 * the send bytes are PostgreSQL's (checked against psql's {@code \\x} of *_send output).
 */
class BinaryFormatsTest {
    private static Value parse(PgType t, String text) {
        return TypeInput.parse(t, -1, text, SessionStyle.utc());
    }

    private static final List<Object[]> SAMPLES = List.of(
        new Object[] {PgType.TIME, "10:11:12.5"}, new Object[] {PgType.TIME, "24:00"},
        new Object[] {PgType.UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
        new Object[] {PgType.JSON, "{\"b\": [1, 2] , \"a\":null}"}, new Object[] {PgType.JSONB, "{\"b\": [1, 2], \"a\": \"x\"}"},
        new Object[] {PgType.INT4_ARRAY, "{1,NULL,3}"}, new Object[] {PgType.TEXT_ARRAY, "{\"a b\",\"\",c}"},
        new Object[] {PgType.TEXT_ARRAY, "{}"}, new Object[] {PgType.NUMERIC_ARRAY, "{1.50,-2}"},
        new Object[] {PgType.NUMERIC, "NaN"}, new Object[] {PgType.NUMERIC, "-Infinity"}, new Object[] {PgType.NUMERIC, "12.340"},
        new Object[] {PgType.JSONB_ARRAY, "{\"{\\\"a\\\": 1}\",null}"});

    @Test
    void sendThenReceiveGivesTheSameValue() {
        for (Object[] s : SAMPLES) {
            Value v = parse((PgType) s[0], (String) s[1]);
            Value back = TypeInput.fromBinary(v.type(), v.toBinary());
            assertEquals(v.toText(SessionStyle.utc()), back.toText(SessionStyle.utc()), s[1].toString());
        }
    }

    @Test
    void rowStorageRoundTrips() {
        PgType[] types = SAMPLES.stream().map(s -> (PgType) s[0]).toArray(PgType[]::new);
        Value[] row = SAMPLES.stream().map(s -> parse((PgType) s[0], (String) s[1])).toArray(Value[]::new);
        RowCodec codec = new RowCodec(types);
        Value[] back = codec.decode(codec.encode(row));
        for (int i = 0; i < row.length; i++) {
            assertEquals(row[i].toText(SessionStyle.utc()), back[i].toText(SessionStyle.utc()), SAMPLES.get(i)[1].toString());
        }
    }

    @Test
    void sendBytesArePostgresqls() {
        // SELECT time_send('10:11:12.5'), array_send('{1,NULL,3}'::int[]), jsonb_send('{"a":1}'), numeric_send('NaN')
        assertArrayEquals(HexFormat.of().parseHex("0000000889d9f120"), parse(PgType.TIME, "10:11:12.5").toBinary());
        assertArrayEquals(HexFormat.of().parseHex("000000010000000100000017000000030000000100000004000000"
            + "01ffffffff0000000400000003"), parse(PgType.INT4_ARRAY, "{1,NULL,3}").toBinary());
        assertArrayEquals(HexFormat.of().parseHex("017b2261223a20317d"), parse(PgType.JSONB, "{\"a\":1}").toBinary());
        assertArrayEquals(HexFormat.of().parseHex("00000000c0000000"), parse(PgType.NUMERIC, "NaN").toBinary());
    }
}
