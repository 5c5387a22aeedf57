package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * CREATE TYPE ... AS ENUM / AS (...), ALTER TYPE and DROP TYPE (gram.y's DefineStmt for enums,
 * CompositeTypeStmt, AlterEnumStmt, AlterTableStmt of a composite type's attributes, RenameStmt /
 * AlterObjectSchemaStmt / AlterOwnerStmt of a type, DropStmt of types), CREATE TYPE ... AS RANGE.
 * Other forms of CREATE TYPE (base, shell types) are recognized and refused with 0A000.
 */
final class TypeParser {
    private final TokenStream in;
    private final ExpressionParser expressions;
    private final TableParser tables;

    TypeParser(TokenStream in, ExpressionParser expressions, TableParser tables) {
        this.in = in;
        this.expressions = expressions;
        this.tables = tables;
    }

    /** After CREATE: DOMAIN name [AS] type [COLLATE c] [DEFAULT expr] [[CONSTRAINT c] NOT NULL | NULL | CHECK (e)] .... */
    Statement parseCreateDomain(Token start) {
        in.expectWord("domain");
        Statement.RangeVar name = tables.parseQualifiedName(false);
        in.acceptWord("as");
        org.tuskdb.sql.internal.ast.TypeName type = expressions.parseTypeName();
        org.tuskdb.sql.internal.ast.Expr def = null;
        String defText = null;
        List<Statement.DomainConstraint> constraints = new ArrayList<>();
        while (true) {
            Token t = in.peek();
            if (t.isWord("collate")) {
                in.next();
                tables.parseQualifiedName(false); // the collations are "C"-like here: accepted, not kept
            } else if (t.isWord("default")) {
                in.next();
                Token first = in.peek();
                def = expressions.parseExpression();
                defText = in.sql().substring(first.start(), in.peek().start()).strip();
            } else if (t.isWord("constraint") || t.isWord("not") || t.isWord("null") || t.isWord("check")) {
                constraints.add(constraint());
            } else {
                break;
            }
        }
        return new Statement.CreateDomain(name, type, def, defText, List.copyOf(constraints), start.start());
    }

    /** [CONSTRAINT name] NOT NULL | NULL | CHECK (expr). */
    private Statement.DomainConstraint constraint() {
        Token start = in.peek();
        String name = null;
        if (in.acceptWord("constraint")) {
            name = in.expectColId();
        }
        Token t = in.next();
        if (t.isWord("not")) {
            in.expectWord("null");
            return new Statement.DomainConstraint(name, true, false, null, null, start.start());
        }
        if (t.isWord("null")) {
            return new Statement.DomainConstraint(name, false, true, null, null, start.start());
        }
        if (!t.isWord("check")) {
            throw in.syntaxError(t);
        }
        in.expectPunct('(');
        Token first = in.peek();
        org.tuskdb.sql.internal.ast.Expr e = expressions.parseExpression();
        String text = in.sql().substring(first.start(), in.peek().start()).strip();
        in.expectPunct(')');
        return new Statement.DomainConstraint(name, false, false, e, text, start.start());
    }

    /** After ALTER: DOMAIN name {SET DEFAULT | DROP DEFAULT | SET / DROP NOT NULL | ADD | DROP CONSTRAINT | RENAME ...}. */
    Statement parseAlterDomain(Token start) {
        in.expectWord("domain");
        Statement.RangeVar name = tables.parseQualifiedName(false);
        Token t = in.next();
        Statement.AlterTypeAction action;
        if (t.isWord("set") && in.peek().isWord("default")) {
            in.next();
            Token first = in.peek();
            org.tuskdb.sql.internal.ast.Expr e = expressions.parseExpression();
            action = new Statement.SetDomainDefault(e, in.sql().substring(first.start(), in.peek().start()).strip());
        } else if (t.isWord("drop") && in.peek().isWord("default")) {
            in.next();
            action = new Statement.SetDomainDefault(null, null);
        } else if ((t.isWord("set") || t.isWord("drop")) && in.peek().isWord("not")) {
            in.next();
            in.expectWord("null");
            action = new Statement.SetDomainNotNull(t.isWord("set"));
        } else if (t.isWord("add")) {
            action = new Statement.AddDomainConstraint(constraint());
            if (in.peek().isWord("not") && in.peek(1).isWord("valid")) {
                throw in.notSupported(in.peek(), "NOT VALID");
            }
        } else if (t.isWord("drop")) {
            in.expectWord("constraint");
            boolean ifExists = false;
            if (in.peek().isWord("if")) {
                in.next();
                in.expectWord("exists");
                ifExists = true;
            }
            String c = in.expectColId();
            if (!in.acceptWord("cascade")) {
                in.acceptWord("restrict");
            }
            action = new Statement.DropDomainConstraint(c, ifExists);
        } else if (t.isWord("rename") && in.peek().isWord("constraint")) {
            in.next();
            String from = in.expectColId();
            in.expectWord("to");
            action = new Statement.RenameDomainConstraint(from, in.expectColId());
        } else {
            action = commonAction(t);
        }
        return new Statement.AlterDomain(name, action, start.start());
    }

    /** After CREATE: TYPE name AS ENUM ( ['label' [, ...]] ). */
    Statement parseCreateType(Token start) {
        in.expectWord("type");
        Statement.RangeVar name = tables.parseQualifiedName(false);
        Token as = in.peek();
        if (!as.isWord("as")) {
            throw in.notSupported(as, "shell and base types");
        }
        in.next();
        Token kind = in.peek();
        if (kind.isPunct('(')) {
            in.next();
            List<Statement.CompositeAttribute> attributes = new ArrayList<>();
            if (!in.peek().isPunct(')')) {
                do {
                    attributes.add(attribute());
                } while (in.acceptPunct(','));
            }
            in.expectPunct(')');
            return new Statement.CreateComposite(name, List.copyOf(attributes), start.start());
        }
        if (kind.isWord("range")) {
            in.next();
            return new Statement.CreateRange(name, rangeParameters(), start.start());
        }
        if (!kind.isWord("enum")) {
            throw in.notSupported(kind, "this form of CREATE TYPE");
        }
        in.next();
        in.expectPunct('(');
        List<String> labels = new ArrayList<>();
        if (!in.peek().isPunct(')')) {
            do {
                labels.add(string());
            } while (in.acceptPunct(','));
        }
        in.expectPunct(')');
        return new Statement.CreateEnum(name, List.copyOf(labels), start.start());
    }

    /**
     * CREATE TYPE ... AS RANGE's definition list: {@code ( name [= value], ... )}, each value a
     * type or function name (any_name), a string or a number; what the names mean is checked
     * when the statement runs (DefineRange), as PostgreSQL's grammar takes any name here.
     */
    private List<Statement.RangeParameter> rangeParameters() {
        in.expectPunct('(');
        List<Statement.RangeParameter> out = new ArrayList<>();
        do {
            Token p = in.peek();
            String param = in.expectLabel();
            org.tuskdb.sql.internal.ast.TypeName value = null;
            String text = null;
            if (in.acceptOp("=")) {
                Token v = in.peek();
                if (v.kind() == Token.Kind.STRING || v.kind() == Token.Kind.INTEGER || v.kind() == Token.Kind.DECIMAL) {
                    text = in.next().text();
                } else {
                    value = expressions.parseTypeName();
                    text = in.sql().substring(v.start(), in.peek().start()).strip();
                }
            }
            out.add(new Statement.RangeParameter(param, value, text, p.start()));
        } while (in.acceptPunct(','));
        in.expectPunct(')');
        return List.copyOf(out);
    }

    /** After ALTER: TYPE name {ADD VALUE | RENAME VALUE | RENAME TO | SET SCHEMA | OWNER TO} .... */
    Statement parseAlterType(Token start) {
        in.expectWord("type");
        Statement.RangeVar name = tables.parseQualifiedName(false);
        Token t = in.next();
        Statement.AlterTypeAction action;
        if ((t.isWord("add") || t.isWord("drop") || t.isWord("alter")) && in.peek().isWord("attribute")) {
            List<Statement.AttributeCmd> cmds = new ArrayList<>();
            Token word = t;
            while (true) {
                in.expectWord("attribute");
                cmds.add(attributeCommand(word));
                dropBehavior();
                if (!in.acceptPunct(',')) {
                    break;
                }
                word = in.next();
                if (!word.isWord("add") && !word.isWord("drop") && !word.isWord("alter")) {
                    throw in.syntaxError(word);
                }
            }
            return new Statement.AlterType(name, new Statement.AlterAttributes(List.copyOf(cmds)), start.start());
        }
        if (t.isWord("add")) {
            in.expectWord("value");
            boolean ifNotExists = false;
            if (in.peek().isWord("if")) {
                in.next();
                in.expectWord("not");
                in.expectWord("exists");
                ifNotExists = true;
            }
            String label = string();
            String neighbor = null;
            boolean before = false;
            if (in.peek().isWord("before") || in.peek().isWord("after")) {
                before = in.next().isWord("before");
                neighbor = string();
            }
            action = new Statement.AddEnumValue(label, ifNotExists, neighbor, before);
        } else if (t.isWord("rename")) {
            if (in.acceptWord("value")) {
                String from = string();
                in.expectWord("to");
                action = new Statement.RenameEnumValue(from, string());
            } else if (in.acceptWord("attribute")) {
                String from = in.expectColId();
                in.expectWord("to");
                action = new Statement.RenameAttribute(from, in.expectColId());
                dropBehavior();
            } else {
                action = commonAction(t);
            }
        } else {
            action = commonAction(t);
        }
        return new Statement.AlterType(name, action, start.start());
    }

    /** A composite type's attribute: name type [COLLATE c] (collations are "C"-like here: accepted, not kept). */
    private Statement.CompositeAttribute attribute() {
        Token first = in.peek();
        String n = in.expectColId();
        org.tuskdb.sql.internal.ast.TypeName type = expressions.parseTypeName();
        if (in.acceptWord("collate")) {
            tables.parseQualifiedName(false);
        }
        return new Statement.CompositeAttribute(n, type, first.start());
    }

    /** After ADD / DROP / ALTER {@code word} and ATTRIBUTE: the rest of one attribute command. */
    private Statement.AttributeCmd attributeCommand(Token word) {
        if (word.isWord("add")) {
            return new Statement.AddAttribute(attribute());
        }
        if (word.isWord("drop")) {
            boolean ifExists = false;
            if (in.peek().isWord("if")) {
                in.next();
                in.expectWord("exists");
                ifExists = true;
            }
            return new Statement.DropAttribute(in.expectColId(), ifExists);
        }
        Token first = in.peek();
        String n = in.expectColId();
        if (in.acceptWord("set")) {
            in.expectWord("data");
        }
        in.expectWord("type");
        org.tuskdb.sql.internal.ast.TypeName type = expressions.parseTypeName();
        if (in.acceptWord("collate")) {
            tables.parseQualifiedName(false);
        }
        if (in.peek().isWord("using")) {
            throw in.notSupported(in.peek(), "ALTER TYPE ... ALTER ATTRIBUTE ... USING");
        }
        return new Statement.AlterAttributeType(new Statement.CompositeAttribute(n, type, first.start()));
    }

    /** [CASCADE | RESTRICT] after an attribute command (CASCADE: typed tables, which Tusk has none of). */
    private void dropBehavior() {
        if (!in.acceptWord("cascade")) {
            in.acceptWord("restrict");
        }
    }

    /** What ALTER TYPE and ALTER DOMAIN share, after its first word {@code t}: RENAME TO, SET SCHEMA, OWNER TO. */
    private Statement.AlterTypeAction commonAction(Token t) {
        if (t.isWord("rename")) {
            in.expectWord("to");
            return new Statement.RenameType(in.expectColId());
        }
        if (t.isWord("set") && in.peek().isWord("schema")) {
            in.next();
            return new Statement.SetTypeSchema(in.expectColId());
        }
        if (t.isWord("owner")) {
            in.expectWord("to");
            return new Statement.TypeOwner(in.expectLabel());
        }
        throw in.syntaxError(t);
    }

    /** After DROP: {TYPE | DOMAIN} [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
    Statement parseDropType(Token start) {
        boolean domain = in.next().isWord("domain");
        boolean ifExists = false;
        if (in.peek().isWord("if")) {
            in.next();
            in.expectWord("exists");
            ifExists = true;
        }
        List<Statement.RangeVar> names = new ArrayList<>();
        do {
            names.add(tables.parseQualifiedName(false));
        } while (in.acceptPunct(','));
        boolean cascade = in.acceptWord("cascade");
        if (!cascade) {
            in.acceptWord("restrict");
        }
        return new Statement.DropType(List.copyOf(names), domain, ifExists, cascade, start.start());
    }

    private String string() {
        Token t = in.next();
        if (t.kind() != Token.Kind.STRING) {
            throw in.syntaxError(t);
        }
        return t.text();
    }
}
