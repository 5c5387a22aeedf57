package org.tuskdb.sql.internal.parser;

/** Lets other packages ask whether a word needs quoting as an identifier (quote_ident). */
public final class KeywordCheck {
    private KeywordCheck() {}

    public static boolean isKeyword(String word) {
        return Keywords.RESERVED.contains(word) || Keywords.TYPE_FUNC_NAME.contains(word);
    }
}
