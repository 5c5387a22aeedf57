package org.tuskdb.logger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {
    static final String NOW = "2026-11-25 11:00:00.000 UTC";
    static final String STANDARD = "2026-11-25 10:58:00.123 UTC [4711] backend INFO org.tuskdb.X: hello";

    private static String feed(LineAssembler a, String... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String chunk : chunks) {
            byte[] b = chunk.getBytes(StandardCharsets.UTF_8);
            a.accept(b, b.length, NOW, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void standardLinesPassThroughUntouched() {
        assertEquals(STANDARD + "\n", feed(new LineAssembler(), STANDARD + "\n"));
    }

    @Test
    void rawJvmOutputGetsTheUnknownStderrPrefix() {
        assertEquals(NOW + " [unknown] stderr LOG jvm: Exception in thread \"main\"\n",
                feed(new LineAssembler(), "Exception in thread \"main\"\n"));
    }

    @Test
    void lineSplitAcrossReadsIsJoinedBeforeItIsJudged() {
        LineAssembler a = new LineAssembler();
        assertEquals("", feed(a, STANDARD.substring(0, 10)));
        assertEquals(STANDARD + "\nraw\n".replace("raw", NOW + " [unknown] stderr LOG jvm: raw"),
                feed(a, STANDARD.substring(10) + "\nraw\n"));
    }

    @Test
    void overlongUnterminatedOutputIsCut() {
        String out = feed(new LineAssembler(), "x".repeat(LineAssembler.MAX_PENDING + 10));
        assertTrue(out.endsWith("x\n"));
    }

    @Test
    void prefixShapeIsCheckedDigitByDigit() {
        byte[] almost = "2026-11-25 10:58:00.123 UTC [x] backend".getBytes(StandardCharsets.US_ASCII);
        assertFalse(LineAssembler.hasStandardPrefix(almost, 0, almost.length));
        byte[] good = STANDARD.getBytes(StandardCharsets.US_ASCII);
        assertTrue(LineAssembler.hasStandardPrefix(good, 0, good.length));
    }
}
