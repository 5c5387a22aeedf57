package org.tuskdb.sql.internal.tsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.sql.internal.value.TsQueryValue;
import org.tuskdb.sql.internal.value.TsVectorValue;

/** The parser, the english dictionary and the query builder against PostgreSQL 15's results for the same input. */
class TextSearchTest {
    private static String vector(TextSearchConfig cfg, String text) {
        TsVectorValue.Builder b = new TsVectorValue.Builder();
        for (TextSearchConfig.Word w : cfg.parse(text)) {
            b.add(w.lexeme(), new short[] {TsVectorValue.pack(w.position(), 0)});
        }
        return b.build().toText(null);
    }

    private static String query(String text, TsQueryValue.Mode mode, int op) {
        return QueryBuilder.build(TextSearchConfig.ENGLISH, text, mode, op).query().toText(null);
    }

    @Test
    void englishDropsStopWordsButKeepsTheirPositions() {
        assertEquals("'ate':9 'cat':3 'fat':2,11 'mat':7 'rat':12 'sat':4",
            vector(TextSearchConfig.ENGLISH, "a fat  cat sat on a mat - it ate a fat rats"));
        assertEquals("'a':1 'cat':3 'fat':2", vector(TextSearchConfig.SIMPLE, "A Fat CAT"));
    }

    @Test
    void stemmerFollowsPorter2() {
        for (String[] p : new String[][] {{"caresses", "caress"}, {"ponies", "poni"}, {"ties", "tie"}, {"cries", "cri"},
            {"gas", "gas"}, {"gaps", "gap"}, {"hopping", "hop"}, {"hoping", "hope"}, {"generously", "generous"},
            {"skies", "sky"}, {"news", "news"}, {"proceed", "proceed"}, {"stars", "star"}, {"relational", "relat"}}) {
            assertEquals(p[1], EnglishStemmer.stem(p[0]), p[0]);
        }
    }

    @Test
    void parserEmitsHyphenatedWordsAndTheirParts() {
        List<TextParser.Token> t = TextParser.tokens("self-driving");
        assertEquals(List.of(new TextParser.Token(TextParser.ASCIIHWORD, "self-driving"),
            new TextParser.Token(TextParser.ASCIIPARTHWORD, "self"), new TextParser.Token(TextParser.SPACE, "-"),
            new TextParser.Token(TextParser.ASCIIPARTHWORD, "driving")), t);
    }

    @Test
    void queriesGoThroughTheConfiguration() {
        assertEquals("'fat' & 'rat'", query("The & Fat & Rats", TsQueryValue.Mode.STANDARD, TsQueryValue.PHRASE));
        assertEquals("'fat' & 'rat'", query("The Fat Rats", TsQueryValue.Mode.PLAIN, TsQueryValue.AND));
        assertEquals("'cat' <2> 'rat'", query("The Cat and Rats", TsQueryValue.Mode.PLAIN, TsQueryValue.PHRASE));
        assertEquals("'supernova' <-> 'star' & !'crab'",
            query("\"supernovae stars\" -crab", TsQueryValue.Mode.WEB, TsQueryValue.PHRASE));
    }

    @Test
    void phrasesNeedAdjacentPositions() {
        TsVectorValue v = TsVectorValue.parse("'error':1 'fatal':2");
        assertFalse(VectorOperands.matches(v, TsQueryValue.parse("fatal <-> error")));
        assertTrue(VectorOperands.matches(v, TsQueryValue.parse("error <-> fatal")));
        assertTrue(VectorOperands.matches(v, TsQueryValue.parse("err:* & !cat")));
    }
}
