package org.tuskdb.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.RoleStatements;
import org.tuskdb.sql.internal.ast.RoleStatements.RoleOption;
import org.tuskdb.sql.internal.ast.RoleStatements.RoleSpec;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * CREATE / ALTER / DROP ROLE (USER, GROUP), GRANT / REVOKE of roles and of privileges, REASSIGN
 * OWNED and DROP OWNED, as gram.y reads them (CreateRoleStmt, AlterRoleStmt, AlterRoleSetStmt,
 * AlterGroupStmt, DropRoleStmt, GrantRoleStmt, GrantStmt, RevokeStmt, ReassignOwnedStmt,
 * DropOwnedStmt). A role option keyword that gram.y reads as an identifier and does not know is
 * 42601 "unrecognized role option".
 */
final class RoleParser {
    private final TokenStream in;
    private final ExpressionParser expressions;
    private final TableParser tables;
    /** Inside ALTER DEFAULT PRIVILEGES: ON takes TABLES, SEQUENCES, FUNCTIONS, TYPES or SCHEMAS. */
    private boolean defaults;

    RoleParser(TokenStream in, ExpressionParser expressions, TableParser tables) {
        this.in = in;
        this.expressions = expressions;
        this.tables = tables;
    }

    /** Whether the CREATE / ALTER / DROP at the cursor is about a role (or DROP OWNED). */
    static boolean isRole(TokenStream in) {
        Token first = in.peek();
        Token t = in.peek(1);
        if (first.isWord("alter") && t.isWord("default") && in.peek(2).isWord("privileges")) {
            return true;
        }
        if (t.isWord("role") || t.isWord("group")) {
            return true;
        }
        if (t.isWord("user")) {
            return !in.peek(2).isWord("mapping");
        }
        return first.isWord("drop") && t.isWord("owned");
    }

    Statement parse() {
        Token start = in.next();
        return switch (start.text()) {
            case "create" -> parseCreate(start);
            case "alter" -> parseAlter(start);
            case "drop" -> parseDrop(start);
            case "grant", "revoke" -> parseGrant(start);
            case "reassign" -> parseReassign(start);
            default -> throw in.syntaxError(start);
        };
    }

    private Statement parseCreate(Token start) {
        String kind = in.next().text().toUpperCase(Locale.ROOT);
        Token nameToken = in.peek();
        String name = roleName(nameToken);
        in.acceptWord("with");
        List<RoleOption> options = new ArrayList<>();
        while (true) {
            RoleOption o = option(true);
            if (o == null) {
                break;
            }
            options.add(o);
        }
        return new RoleStatements.CreateRole(kind, name, options, nameToken.start(), start.start());
    }

    /** A role name that is a plain identifier; public / none are reserved (42939 at the name). */
    private String roleName(Token t) {
        if (t.kind() == Token.Kind.WORD && (t.text().equals("public") || t.text().equals("none"))) {
            throw DatabaseException.atPosition("42939", "role name \"" + t.text() + "\" is reserved",
                in.characterPosition(t.start()));
        }
        if (t.kind() == Token.Kind.WORD && (t.text().equals("current_user") || t.text().equals("session_user")
            || t.text().equals("current_role") || t.text().equals("user"))) {
            throw in.syntaxError(t);
        }
        return in.expectColId();
    }

    /** One option of CREATE (create true) or ALTER ROLE, or null at the end of the options. */
    private RoleOption option(boolean create) {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD) {
            return null;
        }
        int at = t.start();
        switch (t.text()) {
            case "password" -> {
                in.next();
                return new RoleOption("password", passwordValue(), at);
            }
            case "encrypted" -> {
                in.next();
                in.expectWord("password");
                return new RoleOption("password", passwordValue(), at);
            }
            case "unencrypted" -> {
                throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                    "UNENCRYPTED PASSWORD is no longer supported", in.characterPosition(at))
                    .withHint("Remove UNENCRYPTED to store the password in encrypted form instead.");
            }
            case "connection" -> {
                in.next();
                in.expectWord("limit");
                boolean minus = in.acceptOp("-");
                Token n = in.next();
                if (n.kind() != Token.Kind.INTEGER) {
                    throw in.syntaxError(n);
                }
                int v = Integer.parseInt(n.text());
                return new RoleOption("connectionlimit", minus ? -v : v, at);
            }
            case "valid" -> {
                in.next();
                in.expectWord("until");
                Token v = in.next();
                if (v.kind() != Token.Kind.STRING) {
                    throw in.syntaxError(v);
                }
                return new RoleOption("validUntil", v.text(), at);
            }
            case "user" -> {
                in.next();
                return new RoleOption("rolemembers", roleList(), at);
            }
            case "sysid" -> {
                if (!create) {
                    return null;
                }
                in.next();
                Token n = in.next();
                if (n.kind() != Token.Kind.INTEGER) {
                    throw in.syntaxError(n);
                }
                return new RoleOption("sysid", Integer.parseInt(n.text()), at);
            }
            case "admin" -> {
                if (!create) {
                    return null;
                }
                in.next();
                return new RoleOption("adminmembers", roleList(), at);
            }
            case "role" -> {
                if (!create) {
                    return null;
                }
                in.next();
                return new RoleOption("rolemembers", roleList(), at);
            }
            case "in" -> {
                if (!create) {
                    return null;
                }
                in.next();
                if (!in.acceptWord("role")) {
                    in.expectWord("group");
                }
                return new RoleOption("addroleto", roleList(), at);
            }
            case "rename", "set", "reset", "in_database" -> {
                return null;
            }
            default -> { }
        }
        if (Keywords.isReserved(t.text())) {
            return null;
        }
        in.next();
        String w = t.text();
        return switch (w) {
            case "superuser", "nosuperuser" -> new RoleOption("superuser", w.equals("superuser"), at);
            case "createrole", "nocreaterole" -> new RoleOption("createrole", w.equals("createrole"), at);
            case "createdb", "nocreatedb" -> new RoleOption("createdb", w.equals("createdb"), at);
            case "inherit", "noinherit" -> new RoleOption("inherit", w.equals("inherit"), at);
            case "login", "nologin" -> new RoleOption("canlogin", w.equals("login"), at);
            case "replication", "noreplication" -> new RoleOption("isreplication", w.equals("replication"), at);
            case "bypassrls", "nobypassrls" -> new RoleOption("bypassrls", w.equals("bypassrls"), at);
            // gram.y's CREATEUSER / NOCREATEUSER are old spellings of SUPERUSER / NOSUPERUSER
            case "createuser", "nocreateuser" -> new RoleOption("superuser", w.equals("createuser"), at);
            default -> throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "unrecognized role option \"" + w + "\"",
                in.characterPosition(at));
        };
    }

    private String passwordValue() {
        Token v = in.next();
        if (v.isWord("null")) {
            return null;
        }
        if (v.kind() != Token.Kind.STRING) {
            throw in.syntaxError(v);
        }
        return v.text();
    }

    /** A RoleSpec: name, CURRENT_USER, CURRENT_ROLE, SESSION_USER or PUBLIC. */
    RoleSpec roleSpec() {
        Token t = in.peek();
        if (t.kind() == Token.Kind.WORD) {
            switch (t.text()) {
                case "current_user", "current_role" -> {
                    in.next();
                    return new RoleSpec(RoleSpec.Kind.CURRENT_USER, null, t.start());
                }
                case "session_user" -> {
                    in.next();
                    return new RoleSpec(RoleSpec.Kind.SESSION_USER, null, t.start());
                }
                case "public" -> {
                    in.next();
                    return new RoleSpec(RoleSpec.Kind.PUBLIC, "public", t.start());
                }
                default -> { }
            }
        }
        return new RoleSpec(RoleSpec.Kind.NAME, in.expectColId(), t.start());
    }

    private List<RoleSpec> roleList() {
        List<RoleSpec> out = new ArrayList<>();
        do {
            out.add(roleSpec());
        } while (in.acceptPunct(','));
        return out;
    }

    private Statement parseAlter(Token start) {
        Token kind = in.next();
        if (kind.isWord("default")) {
            in.expectWord("privileges");
            List<RoleSpec> roles = List.of();
            List<String> schemas = List.of();
            while (true) {
                if (in.acceptWord("for")) {
                    if (!in.acceptWord("role")) {
                        in.expectWord("user");
                    }
                    roles = roleList();
                } else if (in.peek().isWord("in") && in.peek(1).isWord("schema")) {
                    in.next();
                    in.next();
                    List<String> s = new ArrayList<>();
                    do {
                        s.add(in.expectColId());
                    } while (in.acceptPunct(','));
                    schemas = s;
                } else {
                    break;
                }
            }
            Token action = in.peek();
            if (!action.isWord("grant") && !action.isWord("revoke")) {
                throw in.syntaxError(action);
            }
            defaults = true;
            RoleStatements.GrantPrivileges g = (RoleStatements.GrantPrivileges) parseGrant(in.next());
            return new RoleStatements.AlterDefaultPrivileges(roles, schemas, g, start.start());
        }
        if (kind.isWord("role") || kind.isWord("user")) {
            if (in.peek().isWord("all") && (in.peek(1).isWord("set") || in.peek(1).isWord("reset")
                || in.peek(1).isWord("in"))) {
                in.next();
                return parseRoleSet(null, start);
            }
        }
        Token nameToken = in.peek();
        RoleSpec role = roleSpec();
        if (in.acceptWord("rename")) {
            in.expectWord("to");
            if (role.kind() != RoleSpec.Kind.NAME) {
                throw in.syntaxError(nameToken);
            }
            Token n = in.peek();
            return new RoleStatements.RenameRole(role.name(), roleName(n), start.start());
        }
        if (kind.isWord("group")) {
            // ALTER GROUP g {ADD | DROP} USER names
            Token op = in.next();
            if (!op.isWord("add") && !op.isWord("drop")) {
                throw in.syntaxError(op);
            }
            in.expectWord("user");
            return new RoleStatements.GrantRole(op.isWord("add"), List.of(role), roleList(), false, null, false, true,
                start.start());
        }
        if (in.peek().isWord("set") || in.peek().isWord("reset") || in.peek().isWord("in")) {
            return parseRoleSet(role, start);
        }
        in.acceptWord("with");
        List<RoleOption> options = new ArrayList<>();
        while (true) {
            RoleOption o = option(false);
            if (o == null) {
                break;
            }
            options.add(o);
        }
        return new RoleStatements.AlterRole(role, options, start.start());
    }

    private Statement parseRoleSet(RoleSpec role, Token start) {
        String database = null;
        if (in.acceptWord("in")) {
            in.expectWord("database");
            database = in.expectColId();
        }
        UtilityParser utilities = new UtilityParser(in);
        Statement set = in.peek().isWord("set") ? utilities.parseSet() : utilities.parseReset();
        if (!(set instanceof Statement.VariableSet vs)
            || vs.name() == null && vs.kind() != Statement.SetKind.RESET_ALL) {
            throw in.syntaxError(in.peek());
        }
        return new RoleStatements.AlterRoleSet(role, database, vs, start.start());
    }

    private Statement parseDrop(Token start) {
        Token kind = in.next();
        if (kind.isWord("owned")) {
            in.expectWord("by");
            List<RoleSpec> roles = roleList();
            boolean cascade = in.acceptWord("cascade");
            if (!cascade) {
                in.acceptWord("restrict");
            }
            return new RoleStatements.DropOwned(roles, cascade, start.start());
        }
        boolean ifExists = false;
        if (in.peek().isWord("if") && in.peek(1).isWord("exists")) {
            in.next();
            in.next();
            ifExists = true;
        }
        return new RoleStatements.DropRole(roleList(), ifExists, start.start());
    }

    private Statement parseReassign(Token start) {
        in.expectWord("owned");
        in.expectWord("by");
        List<RoleSpec> roles = roleList();
        in.expectWord("to");
        return new RoleStatements.ReassignOwned(roles, roleSpec(), start.start());
    }

    /** GRANT / REVOKE: of privileges when ON follows the list, else of roles. */
    private Statement parseGrant(Token start) {
        boolean grant = start.isWord("grant");
        boolean optionFor = false;
        boolean adminOptionFor = false;
        if (!grant && in.peek().isWord("grant") && in.peek(1).isWord("option") && in.peek(2).isWord("for")) {
            in.next();
            in.next();
            in.next();
            optionFor = true;
        } else if (!grant && in.peek().isWord("admin") && in.peek(1).isWord("option") && in.peek(2).isWord("for")) {
            in.next();
            in.next();
            in.next();
            adminOptionFor = true;
        }
        int mark = in.position();
        if (defaults || isPrivilegeList()) {
            in.reset(mark);
            return parsePrivileges(start, grant, optionFor);
        }
        in.reset(mark);
        List<RoleSpec> roles = roleList();
        in.expectWord(grant ? "to" : "from");
        List<RoleSpec> grantees = roleList();
        boolean admin = withOption(grant, "admin") || adminOptionFor;
        RoleSpec grantor = grantedBy();
        return new RoleStatements.GrantRole(grant, roles, grantees, admin, grantor, cascade(grant), false,
            start.start());
    }

    /** GRANT's WITH {ADMIN | GRANT} OPTION. */
    private boolean withOption(boolean grant, String kind) {
        if (grant && in.peek().isWord("with")) {
            in.next();
            in.expectWord(kind);
            in.expectWord("option");
            return true;
        }
        return false;
    }

    /** REVOKE's [CASCADE | RESTRICT]. */
    private boolean cascade(boolean grant) {
        if (grant) {
            return false;
        }
        boolean cascade = in.acceptWord("cascade");
        if (!cascade) {
            in.acceptWord("restrict");
        }
        return cascade;
    }

    private RoleSpec grantedBy() {
        if (in.peek().isWord("granted") && in.peek(1).isWord("by")) {
            in.next();
            in.next();
            return roleSpec();
        }
        return null;
    }

    /** Whether the list at the cursor is followed by ON (privileges) rather than TO / FROM (roles). */
    private boolean isPrivilegeList() {
        int depth = 0;
        while (true) {
            Token t = in.next();
            if (t.kind() == Token.Kind.EOF || t.isPunct(';')) {
                return false;
            }
            if (t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(')')) {
                depth--;
            } else if (depth == 0 && t.kind() == Token.Kind.WORD) {
                if (t.text().equals("on")) {
                    return true;
                }
                if (t.text().equals("to") || t.text().equals("from")) {
                    return false;
                }
            }
        }
    }

    private Statement parsePrivileges(Token start, boolean grant, boolean optionFor) {
        List<String> privileges = null;
        List<RoleStatements.ColumnPrivilege> columnPrivileges = new ArrayList<>();
        if (in.acceptWord("all")) {
            in.acceptWord("privileges");
            if (in.peek().isPunct('(')) {
                columnPrivileges.add(new RoleStatements.ColumnPrivilege(null, columnList()));
                privileges = new ArrayList<>();
            }
        } else {
            privileges = new ArrayList<>();
            do {
                Token p = in.next();
                if (p.kind() != Token.Kind.WORD) {
                    throw in.syntaxError(p);
                }
                String name = p.text().equals("temp") ? "temporary" : p.text();
                if (!List.of("select", "insert", "update", "delete", "truncate", "references", "trigger", "usage",
                    "create", "connect", "temporary", "execute").contains(name)) {
                    if (name.equals("alter") || name.equals("set") || name.equals("maintain")) {
                        throw in.notSupported(p, "GRANT " + name.toUpperCase(Locale.ROOT));
                    }
                    throw DatabaseException.error(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"" + name
                        + "\"");
                }
                if (in.peek().isPunct('(')) {
                    columnPrivileges.add(new RoleStatements.ColumnPrivilege(name, columnList()));
                    continue;
                }
                privileges.add(name);
            } while (in.acceptPunct(','));
        }
        in.expectWord("on");
        String type = "TABLE";
        boolean allInSchema = false;
        List<List<String>> names = new ArrayList<>();
        List<Statement.FunctionRef> functions = new ArrayList<>();
        Token t = in.peek();
        if (defaults) {
            in.next();
            type = switch (t.kind() == Token.Kind.WORD ? t.text() : "") {
                case "tables" -> "TABLE";
                case "sequences" -> "SEQUENCE";
                case "functions", "routines" -> "FUNCTION";
                case "types" -> "TYPE";
                case "schemas" -> "SCHEMA";
                default -> throw in.syntaxError(t);
            };
        } else if (t.isWord("all") && (in.peek(1).isWord("tables") || in.peek(1).isWord("sequences")
            || in.peek(1).isWord("functions") || in.peek(1).isWord("procedures") || in.peek(1).isWord("routines"))) {
            in.next();
            String what = in.next().text();
            type = switch (what) {
                case "tables" -> "TABLE";
                case "sequences" -> "SEQUENCE";
                default -> "FUNCTION";
            };
            in.expectWord("in");
            in.expectWord("schema");
            allInSchema = true;
            do {
                names.add(List.of(in.expectColId()));
            } while (in.acceptPunct(','));
        } else {
            switch (t.kind() == Token.Kind.WORD ? t.text() : "") {
                case "table" -> in.next();
                case "sequence", "schema", "database", "type", "domain", "language" -> {
                    in.next();
                    type = t.text().equals("domain") ? "TYPE" : t.text().toUpperCase(Locale.ROOT);
                }
                case "function", "procedure", "routine" -> {
                    in.next();
                    type = "FUNCTION";
                }
                case "foreign", "large", "tablespace", "parameter" -> throw in.notSupported(t, "GRANT ON "
                    + t.text().toUpperCase(Locale.ROOT));
                default -> { }
            }
            if (type.equals("FUNCTION")) {
                FunctionParser fp = new FunctionParser(in, expressions, tables);
                do {
                    functions.add(fp.parseFunctionRef());
                } while (in.acceptPunct(','));
            } else {
                do {
                    List<String> name = new ArrayList<>();
                    name.add(in.expectColId());
                    while (in.acceptPunct('.')) {
                        name.add(in.expectLabel());
                    }
                    names.add(name);
                } while (in.acceptPunct(','));
            }
        }
        in.expectWord(grant ? "to" : "from");
        List<RoleSpec> grantees = new ArrayList<>();
        do {
            in.acceptWord("group");
            grantees.add(roleSpec());
        } while (in.acceptPunct(','));
        boolean grantOption = withOption(grant, "grant") || optionFor;
        RoleSpec grantor = grantedBy();
        return new RoleStatements.GrantPrivileges(grant, grantOption, privileges, type, allInSchema, names, functions,
            grantees, grantor, cascade(grant), start.start(), List.copyOf(columnPrivileges));
    }

    /** A column privilege's {@code (col, ...)}. */
    private List<String> columnList() {
        return List.copyOf(tables.parseColumnList());
    }
}
