package org.tuskdb.sql.internal.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TsQueryValueTest {
    @Test
    void binaryFormIsPolishOrderAndRoundTrips() {
        TsQueryValue q = TsQueryValue.parse("a & b:*B <2> c");
        byte[] b = q.toBinary();
        // 5 items; first the AND operator (type 2, oper 2), then its right operand: the phrase
        assertEquals(5, b[3]);
        assertEquals(2, b[4]);
        assertEquals(TsQueryValue.AND, b[5]);
        assertEquals(2, b[6]);
        assertEquals(TsQueryValue.PHRASE, b[7]);
        assertEquals(2, b[9]);
        assertEquals("'a' & 'b':*B <2> 'c'", TsQueryValue.fromBinary(b).toText(null));
        assertEquals(0, q.compareTo(TypeInput.fromBinary(PgType.TSQUERY, b)));
    }

    @Test
    void websearchModeMakesImplicitAndOrAndNot() {
        TsQueryValue.Node n = TsQueryValue.parse("cat or \"fat rat\" -dog", TsQueryValue.Mode.WEB,
            (into, w, weight, prefix) -> into.value(w, weight, prefix));
        assertEquals("'cat' | 'fat rat' & !'dog'", TsQueryValue.infix(n));
    }
}
