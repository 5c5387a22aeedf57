package org.tuskdb.sql.internal.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

class TsVectorValueTest {
    @Test
    void binaryFormRoundTripsAndIsTsvectorsend() {
        TsVectorValue v = TsVectorValue.parse("b:2A,7 a 'c d':1");
        byte[] b = v.toBinary();
        // count 3; 'a' \0, no positions; 'b' \0, 2 positions: 2 with weight A (0xC002), 7
        assertEquals(3, b[3]);
        assertEquals('a', b[4]);
        assertEquals(0, b[5]);
        assertEquals(0, b[6] | b[7]);
        assertEquals(2, b[11]);
        assertEquals((byte) 0xC0, b[12]);
        assertEquals(v.toText(null), TsVectorValue.fromBinary(b).toText(null));
        assertEquals("'a' 'b':2A,7 'c d':1", TypeInput.fromBinary(PgType.TSVECTOR, b).toText(null));
    }

    @Test
    void receiveRejectsMisorderedPositions() {
        byte[] b = {0, 0, 0, 1, 'x', 0, 0, 2, 0, 5, 0, 3};
        DatabaseException e = assertThrows(DatabaseException.class, () -> TsVectorValue.fromBinary(b));
        assertEquals("position information is misordered", e.getMessage());
    }
}
