package org.tuskdb.sql.internal.ast;

import java.util.List;

/**
 * Raw statements about roles and privileges (gram.y's CreateRoleStmt, AlterRoleStmt,
 * AlterRoleSetStmt, DropRoleStmt, GrantRoleStmt, GrantStmt, ReassignOwnedStmt, DropOwnedStmt),
 * run by session/RoleCommands and session/PrivilegeCommands.
 */
public final class RoleStatements {
    private RoleStatements() {}

    /** A role named in a statement: a name, CURRENT_USER / CURRENT_ROLE / SESSION_USER, or PUBLIC. */
    public record RoleSpec(Kind kind, String name, int location) {
        public enum Kind { NAME, CURRENT_USER, SESSION_USER, PUBLIC }
    }

    /**
     * A role option: superuser, createdb, createrole, inherit, canlogin, isreplication, bypassrls
     * (Boolean), connectionlimit (Integer), password (String, null for PASSWORD NULL), validUntil
     * (String), sysid, and for CREATE: addroleto (IN ROLE), rolemembers (ROLE / USER), adminmembers
     * (ADMIN), each a {@code List<RoleSpec>}.
     */
    public record RoleOption(String name, Object value, int location) {}

    /** CREATE ROLE | USER | GROUP name [[WITH] options]; kind "ROLE", "USER" (LOGIN by default) or "GROUP". */
    public record CreateRole(String kind, String name, List<RoleOption> options, int nameLocation, int location)
        implements Statement.RoleCommand {}

    /** ALTER ROLE | USER role [WITH] options (also ALTER GROUP's ADD / DROP USER: see GrantRole). */
    public record AlterRole(RoleSpec role, List<RoleOption> options, int location) implements Statement.RoleCommand {}

    /** ALTER ROLE | USER | GROUP name RENAME TO newName. */
    public record RenameRole(String name, String newName, int location) implements Statement.RoleCommand {}

    /**
     * ALTER ROLE {role | ALL} [IN DATABASE db] SET name ... | RESET name | RESET ALL: role null for
     * ALL; {@code set} the SET / RESET as a VariableSet.
     */
    public record AlterRoleSet(RoleSpec role, String database, Statement.VariableSet set, int location)
        implements Statement.RoleCommand {}

    /** DROP ROLE | USER | GROUP [IF EXISTS] names. */
    public record DropRole(List<RoleSpec> roles, boolean ifExists, int location) implements Statement.RoleCommand {}

    /**
     * GRANT roles TO grantees [WITH ADMIN OPTION] [GRANTED BY r] / REVOKE [ADMIN OPTION FOR] roles FROM
     * grantees [GRANTED BY r] [CASCADE | RESTRICT]; also ALTER GROUP g ADD | DROP USER names ({@code alterGroup}).
     */
    public record GrantRole(boolean grant, List<RoleSpec> roles, List<RoleSpec> grantees, boolean adminOption,
                            RoleSpec grantor, boolean cascade, boolean alterGroup, int location)
        implements Statement.RoleCommand {}

    /**
     * GRANT privileges ON objects TO grantees [WITH GRANT OPTION] [GRANTED BY r] / REVOKE [GRANT OPTION
     * FOR] privileges ON objects FROM grantees [CASCADE | RESTRICT]. {@code privileges} lower-case names
     * (null: ALL [PRIVILEGES]); {@code objectType} TABLE, SEQUENCE, SCHEMA, FUNCTION, DATABASE, TYPE,
     * LANGUAGE; {@code allInSchema}: ON ALL TABLES / SEQUENCES / FUNCTIONS IN SCHEMA names (then
     * {@code names} are the schemas). Functions are in {@code functions}, the rest in {@code names}
     * (qualified names).
     */
    public record GrantPrivileges(boolean grant, boolean grantOption, List<String> privileges, String objectType,
                                  boolean allInSchema, List<List<String>> names, List<Statement.FunctionRef> functions,
                                  List<RoleSpec> grantees, RoleSpec grantor, boolean cascade, int location,
                                  List<ColumnPrivilege> columnPrivileges)
        implements Statement.RoleCommand {}

    /**
     * A privilege on columns ({@code SELECT (a, b)}): {@code privilege} lower-case, null for ALL; the
     * statement's {@code privileges} then hold only the table-level ones (an empty list when every
     * privilege named has columns).
     */
    public record ColumnPrivilege(String privilege, List<String> columns) {}

    /**
     * ALTER DEFAULT PRIVILEGES [FOR ROLE roles] [IN SCHEMA schemas] GRANT | REVOKE ... ON {TABLES | SEQUENCES |
     * FUNCTIONS | TYPES | SCHEMAS}: {@code action}'s objectType is that word's kind (TABLE, SEQUENCE, ...).
     */
    public record AlterDefaultPrivileges(List<RoleSpec> roles, List<String> schemas, GrantPrivileges action,
                                         int location) implements Statement.RoleCommand {}

    /** REASSIGN OWNED BY roles TO role. */
    public record ReassignOwned(List<RoleSpec> roles, RoleSpec newOwner, int location) implements Statement.RoleCommand {}

    /** DROP OWNED BY roles [CASCADE | RESTRICT]. */
    public record DropOwned(List<RoleSpec> roles, boolean cascade, int location) implements Statement.RoleCommand {}
}
