package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.Statement.RangeVar;

/**
 * COPY: {@code COPY table [(columns)] FROM STDIN | TO STDOUT [[WITH] (option [value], ...)]},
 * {@code COPY (query) TO STDOUT ...}, and the pre-9.0 option words (BINARY, CSV, HEADER,
 * DELIMITER [AS] 'x', NULL [AS] 'x', QUOTE [AS] 'x', ESCAPE [AS] 'x', FREEZE). Options are
 * checked by the analyzer (their names and values), as PostgreSQL's grammar leaves them to
 * ProcessCopyOptions. A file name or PROGRAM is parsed and refused by the analyzer.
 */
final class CopyParser {
    private final TokenStream in;
    private final SelectParser selects;
    private final TableParser tables;

    CopyParser(TokenStream in, SelectParser selects, TableParser tables) {
        this.in = in;
        this.selects = selects;
        this.tables = tables;
    }

    Statement parseCopy() {
        Token start = in.expectWord("copy");
        List<Statement.CopyOption> options = new ArrayList<>();
        if (in.peek().isWord("binary")) {
            options.add(new Statement.CopyOption("format", "binary", in.next().start()));
        }
        RangeVar table = null;
        List<String> columns = null;
        Statement.Select query = null;
        if (in.peek().isPunct('(')) {
            in.next();
            Token q = in.peek();
            if (!(q.isWord("select") || q.isWord("values") || q.isWord("with") || q.isPunct('('))) {
                throw in.syntaxError(q);
            }
            query = selects.parseSelectStatement();
            in.expectPunct(')');
        } else {
            table = tables.parseQualifiedName(false);
            if (in.acceptPunct('(')) {
                columns = new ArrayList<>();
                do {
                    columns.add(in.expectColId());
                } while (in.acceptPunct(','));
                in.expectPunct(')');
            }
        }
        boolean from;
        Token dir = in.peek();
        if (dir.isWord("from")) {
            from = true;
        } else if (dir.isWord("to")) {
            from = false;
        } else {
            throw in.syntaxError(dir);
        }
        in.next();
        if (from && query != null) {
            throw in.syntaxError(dir);
        }
        Token target = in.next();
        String file = null;
        boolean program = false;
        if (target.isWord("program")) {
            program = true;
            target = in.next();
        }
        if (target.kind() == Token.Kind.STRING) {
            file = target.text();
        } else if (program || !(target.isWord(from ? "stdin" : "stdout"))) {
            throw in.syntaxError(target);
        }
        if (in.peek().isWord("using") || in.peek().isWord("delimiters")) {
            in.acceptWord("using");
            Token d = in.expectWord("delimiters");
            options.add(new Statement.CopyOption("delimiter", expectString(), d.start()));
        }
        in.acceptWord("with");
        if (in.peek().isPunct('(')) {
            in.next();
            do {
                Token name = in.next();
                if (name.kind() != Token.Kind.WORD && name.kind() != Token.Kind.QUOTED_IDENT) {
                    throw in.syntaxError(name);
                }
                String value = null;
                Token v = in.peek();
                if (v.kind() == Token.Kind.STRING || v.kind() == Token.Kind.WORD || v.kind() == Token.Kind.INTEGER
                    || v.kind() == Token.Kind.DECIMAL || v.kind() == Token.Kind.QUOTED_IDENT) {
                    value = in.next().text();
                } else if (v.isPunct('(') || v.isOp("*")) {
                    // FORCE_QUOTE (a, b) / FORCE_QUOTE *: column lists, refused by the analyzer
                    value = v.isOp("*") ? in.next().text() : skipParenthesized();
                }
                options.add(new Statement.CopyOption(name.text(), value, name.start()));
            } while (in.acceptPunct(','));
            in.expectPunct(')');
        } else {
            while (true) {
                Token w = in.peek();
                if (w.isWord("binary")) {
                    options.add(new Statement.CopyOption("format", "binary", in.next().start()));
                } else if (w.isWord("csv")) {
                    options.add(new Statement.CopyOption("format", "csv", in.next().start()));
                } else if (w.isWord("header") || w.isWord("freeze")) {
                    options.add(new Statement.CopyOption(in.next().text(), null, w.start()));
                } else if (w.isWord("delimiter") || w.isWord("null") || w.isWord("quote") || w.isWord("escape")
                    || w.isWord("encoding")) {
                    in.next();
                    in.acceptWord("as");
                    options.add(new Statement.CopyOption(w.text(), expectString(), w.start()));
                } else if (w.isWord("force")) {
                    in.next();
                    throw in.notSupported(w, "COPY FORCE options");
                } else {
                    break;
                }
            }
        }
        if (in.peek().isWord("where")) {
            throw in.notSupported(in.peek(), "COPY FROM ... WHERE");
        }
        return new Statement.Copy(table, columns, query, from, file, program, options, start.start());
    }

    private String expectString() {
        Token t = in.next();
        if (t.kind() != Token.Kind.STRING) {
            throw in.syntaxError(t);
        }
        return t.text();
    }

    private String skipParenthesized() {
        StringBuilder sb = new StringBuilder();
        in.expectPunct('(');
        while (!in.peek().isPunct(')')) {
            Token t = in.next();
            if (t.kind() == Token.Kind.EOF) {
                throw in.syntaxError(t);
            }
            sb.append(t.text());
        }
        in.next();
        return "(" + sb + ")";
    }
}
