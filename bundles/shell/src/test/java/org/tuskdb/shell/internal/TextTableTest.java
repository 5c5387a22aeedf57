package org.tuskdb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void columnsAlignAndNumbersAlignRight() {
        String table = new TextTable("pid", "name").row(7, "alpha").row(12345, "b").render();

        assertEquals("""
                pid    name
                -----  -----
                    7  alpha
                12345  b
                (2 rows)
                """, table);
    }

    @Test
    void theLastColumnGivesWayToFitTheScreen() {
        String table = new TextTable("id", "text").row(1, "x".repeat(50)).render(30);

        assertEquals(" 1  " + "x".repeat(23) + "...", table.lines().toList().get(2));
    }

    @Test
    void otherColumnsGiveWayWhenTheLastAloneCannot() {
        String table = new TextTable("a", "b", "text").row("y".repeat(40), "z".repeat(10), "x".repeat(50)).render(40);

        List<String> lines = table.lines().toList();
        assertEquals(40, lines.get(2).length(), table);
        assertEquals(true, lines.get(2).startsWith("yyy"), table);
        assertEquals(true, lines.get(2).endsWith("x..."), table);
    }

    @Test
    void aRowsDetailWrapsUnderItPastTheFirstColumn() {
        String table = new TextTable("id", "name").rowWithDetail("aaaa\n    bbbb cccc " + "d".repeat(30), 1, "x").render(16);

        assertEquals(List.of("id  name", "--  ----", " 1  x", "    aaaa bbbb", "    cccc", "    dddddddddddd",
                "    ddddddddd...", "(1 row)"), table.lines().toList());
    }

    @Test
    void lineBreaksInACellBecomeSpaces() {
        assertEquals("a b c", new TextTable("q").row("a\nb\r\nc").render().lines().toList().get(2));
    }

    @Test
    void oneRowSaysRow() {
        assertEquals("(1 row)", new TextTable("a").row("x").render().lines().toList().get(3));
    }

    @Test
    void recordViewWrapsLongValuesUnderTheirField() {
        String text = new RecordView().field("name", "x").field("description", "word ".repeat(30).strip()).render();

        List<String> lines = text.lines().toList();
        assertEquals("name         x", lines.get(0));
        assertEquals(3, lines.size(), text);
        lines.forEach(line -> assertEquals(true, line.length() <= TextTable.SCREEN_WIDTH, line));
        assertEquals(true, lines.get(2).startsWith("             word"), lines.get(2));
    }

    @Test
    void intervalsReadLikePostgres() {
        assertEquals("00:00:09", Times.interval(Duration.ofSeconds(9)));
        assertEquals("1 day 02:03:04", Times.interval(Duration.ofSeconds(93_784)));
        assertEquals("3 days 00:00:00", Times.interval(Duration.ofDays(3)));
    }
}
