package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.copy.CopyDecoder;
import org.tuskdb.sql.internal.copy.CopyEncoder;
import org.tuskdb.sql.internal.copy.CopyOptions;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/** COPY's text and CSV formats: records split across CopyData pieces, escapes, quoting, NULLs, the end marker. */
class CopyFormatTest {
    private static CopyOptions options(String... nameValue) {
        List<Statement.CopyOption> list = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            list.add(new Statement.CopyOption(nameValue[i], nameValue[i + 1], 0));
        }
        return CopyOptions.of(list, true, p -> p);
    }

    /** Decodes data handed over in pieces of the given size. */
    private static List<List<String>> decode(String data, int piece, CopyOptions o) {
        byte[] all = data.getBytes(StandardCharsets.UTF_8);
        Deque<byte[]> pieces = new ArrayDeque<>();
        for (int i = 0; i < all.length; i += piece) {
            pieces.add(Arrays.copyOfRange(all, i, Math.min(all.length, i + piece)));
        }
        CopyDecoder d = new CopyDecoder(pieces::poll, o);
        List<List<String>> out = new ArrayList<>();
        String[] f;
        while ((f = d.next()) != null) {
            out.add(Arrays.asList(Arrays.copyOf(f, d.fieldCount())));
        }
        return out;
    }

    @Test
    void textFormatUnescapesAndKeepsNullAsWritten() {
        String data = "1\ta\\tb\t\\N\n2\tback\\\\slash\t\\x41\\101\n3\t\t\\n\n\\.\nignored\n";
        for (int piece : new int[] {1, 3, 1000}) {
            List<List<String>> rows = decode(data, piece, options());
            assertEquals(3, rows.size());
            assertEquals(Arrays.asList("1", "a\tb", null), rows.get(0));
            assertEquals(List.of("2", "back\\slash", "AA"), rows.get(1));
            assertEquals(List.of("3", "", "\n"), rows.get(2));
        }
    }

    @Test
    void csvQuotesDelimitersNewlinesAndTellsEmptyFromNull() {
        String data = "id,name\r\n5,\"a, b\"\r\n6,\"multi\nline\"\n7,\"say \"\"hi\"\"\"\n8,\n9,\"\"\n";
        for (int piece : new int[] {1, 2, 1000}) {
            List<List<String>> rows = decode(data, piece, options("format", "csv", "header", "true"));
            assertEquals(List.of(List.of("5", "a, b"), List.of("6", "multi\nline"), List.of("7", "say \"hi\""),
                Arrays.asList("8", null), List.of("9", "")), rows);
        }
        assertThrows(DatabaseException.class, () -> decode("1,\"open\n", 4, options("format", "csv")));
    }

    @Test
    void encoderEscapesWhatTheDecoderReads() {
        Value[] row = {IntegerValue.int4(1), TextValue.text("tab\there\\ and\nnewline"), null};
        CopyEncoder text = new CopyEncoder(options());
        text.encode(row, 3, null);
        assertEquals("1\ttab\\there\\\\ and\\nnewline\t\\N\n", new String(text.bytes(), 0, text.length(), StandardCharsets.UTF_8));
        CopyEncoder csv = new CopyEncoder(options("format", "csv"));
        csv.encode(new Value[] {TextValue.text("a,\"b\""), TextValue.text(""), null}, 3, null);
        assertEquals("\"a,\"\"b\"\"\",\"\",\n", new String(csv.bytes(), 0, csv.length(), StandardCharsets.UTF_8));
    }

    @Test
    void optionsAreCheckedAsPostgresDoes() {
        assertEquals("42601", assertThrows(DatabaseException.class, () -> options("bogus", null)).sqlState());
        assertEquals("0A000", assertThrows(DatabaseException.class, () -> options("delimiter", "ab")).sqlState());
        assertEquals("0A000", assertThrows(DatabaseException.class, () -> options("quote", "'")).sqlState());
        assertEquals("22023", assertThrows(DatabaseException.class, () -> options("format", "xml")).sqlState());
        assertEquals("42601", assertThrows(DatabaseException.class,
            () -> options("format", "csv", "format", "text")).sqlState());
        assertArrayEquals(new byte[] {','}, new byte[] {options("format", "csv").delimiter()});
    }
}
