package org.tuskdb.sql.internal.ast;

import java.util.List;

/**
 * Raw statements about databases (gram.y's CreatedbStmt, DropdbStmt, AlterDatabaseStmt,
 * RenameStmt and AlterOwnerStmt for a database), run by session/DatabaseCommands.
 */
public final class DatabaseStatements {
    private DatabaseStatements() {}

    /**
     * One option of CREATE / ALTER DATABASE: its name as gram.y folds it ("connection_limit",
     * "owner", "template", "encoding", or the identifier as written: "lc_collate", "is_template",
     * ...), the value (a String, an Integer or a Boolean; null for DEFAULT) and where it was.
     */
    public record Option(String name, Object value, int location) {}

    public record CreateDatabase(String name, List<Option> options, int location) implements Statement.DatabaseCommand {}

    /** DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]. */
    public record DropDatabase(String name, boolean ifExists, boolean force, int location)
        implements Statement.DatabaseCommand {}

    /** ALTER DATABASE name [WITH] options. */
    public record AlterDatabase(String name, List<Option> options, int location) implements Statement.DatabaseCommand {}

    /** ALTER DATABASE name RENAME TO newName. */
    public record RenameDatabase(String name, String newName, int location) implements Statement.DatabaseCommand {}

    /** ALTER DATABASE name OWNER TO role. */
    public record AlterDatabaseOwner(String name, RoleStatements.RoleSpec owner, int location)
        implements Statement.DatabaseCommand {}

    /** ALTER DATABASE name SET / RESET (gram.y's AlterDatabaseSetStmt): the database-wide default of a setting. */
    public record AlterDatabaseSet(String name, Statement.VariableSet set, int location) implements Statement.DatabaseCommand {}
}
