package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.PartitionSpecs;

/**
 * The partitioning clauses of CREATE TABLE and ALTER TABLE (gram.y's PartitionSpec,
 * PartitionBoundSpec, partition_cmd). Bound values stay raw expressions: the DDL reads them as
 * the key columns' types, as transformPartitionBound does.
 */
final class PartitionParser {
    private final TokenStream in;
    private final ExpressionParser expressions;

    PartitionParser(TokenStream in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    /** Whether {@code PARTITION BY} is next. */
    static boolean atPartitionBy(TokenStream in) {
        return in.peek().isWord("partition") && in.peek(1).isWord("by");
    }

    /** {@code PARTITION BY strategy (column, ...)}; an expression key is not supported (yet). */
    PartitionSpecs.PartitionBy parsePartitionBy() {
        in.expectWord("partition");
        in.expectWord("by");
        Token strategy = in.peek();
        String name = in.expectColId().toLowerCase(Locale.ROOT);
        in.expectPunct('(');
        List<String> columns = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        do {
            Token c = in.peek();
            if (c.isPunct('(') || in.peek(1).isPunct('(')) {
                throw in.notSupported(c, "an expression in a partition key");
            }
            columns.add(in.expectColId());
            locations.add(c.start());
            if (!in.peek().isPunct(',') && !in.peek().isPunct(')')) {
                throw in.notSupported(in.peek(), "a collation or operator class in a partition key");
            }
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        return new PartitionSpecs.PartitionBy(name, List.copyOf(columns), List.copyOf(locations), strategy.start());
    }

    /** {@code FOR VALUES IN (...) | FROM (...) TO (...) | WITH (MODULUS m, REMAINDER r)}, or {@code DEFAULT}. */
    PartitionSpecs.Bound parseBound() {
        Token start = in.peek();
        if (in.acceptWord("default")) {
            return new PartitionSpecs.Bound(PartitionSpecs.BoundKind.DEFAULT, List.of(), List.of(), List.of(), -1, -1,
                start.start());
        }
        in.expectWord("for");
        in.expectWord("values");
        Token kind = in.peek();
        if (in.acceptWord("in")) {
            List<Expr> values = parenthesized();
            return new PartitionSpecs.Bound(PartitionSpecs.BoundKind.LIST, values, List.of(), List.of(), -1, -1,
                kind.start());
        }
        if (in.acceptWord("from")) {
            List<Expr> from = parenthesized();
            in.expectWord("to");
            List<Expr> to = parenthesized();
            return new PartitionSpecs.Bound(PartitionSpecs.BoundKind.RANGE, List.of(), from, to, -1, -1, kind.start());
        }
        if (in.acceptWord("with")) {
            in.expectPunct('(');
            int modulus = -1;
            int remainder = -1;
            do {
                Token opt = in.peek();
                String option = in.expectLabel().toLowerCase(Locale.ROOT);
                Token v = in.next();
                if (v.kind() != Token.Kind.INTEGER) {
                    throw in.syntaxError(v);
                }
                int value = Integer.parseInt(v.text());
                switch (option) {
                    case "modulus" -> {
                        if (modulus >= 0) {
                            throw DatabaseException.atPosition("42601", "modulus for hash partition provided more than once",
                                in.characterPosition(opt.start()));
                        }
                        modulus = value;
                    }
                    case "remainder" -> {
                        if (remainder >= 0) {
                            throw DatabaseException.atPosition("42601",
                                "remainder for hash partition provided more than once", in.characterPosition(opt.start()));
                        }
                        remainder = value;
                    }
                    default -> throw DatabaseException.atPosition("42601", "unrecognized hash partition bound specification \""
                        + option + "\"", in.characterPosition(opt.start()));
                }
            } while (in.acceptPunct(','));
            in.expectPunct(')');
            if (modulus < 0) {
                throw DatabaseException.error("42601", "modulus for hash partition must be specified");
            }
            if (remainder < 0) {
                throw DatabaseException.error("42601", "remainder for hash partition must be specified");
            }
            return new PartitionSpecs.Bound(PartitionSpecs.BoundKind.HASH, List.of(), List.of(), List.of(), modulus,
                remainder, kind.start()); // gram.y's location: the IN / FROM / WITH token
        }
        throw in.syntaxError(kind);
    }

    private List<Expr> parenthesized() {
        in.expectPunct('(');
        List<Expr> list = expressions.parseExpressionList();
        in.expectPunct(')');
        return list;
    }
}
