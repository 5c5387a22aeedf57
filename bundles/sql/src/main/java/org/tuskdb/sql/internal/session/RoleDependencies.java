package org.tuskdb.sql.internal.session;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.RoleStatements;

/**
 * What depends on a role (PostgreSQL's pg_shdepend, computed here from the catalogs' owner and
 * ACL columns): DROP ROLE's 2BP01 DETAIL, REASSIGN OWNED and DROP OWNED.
 */
final class RoleDependencies {
    private final Session session;
    private final StorageTransaction st;

    RoleDependencies(Session session, StorageTransaction st) {
        this.session = session;
        this.st = st;
    }

    /** checkSharedDependencies' DETAIL for the role, or null when nothing depends on it. */
    String describe(long role) {
        return null;
    }

    String reassignOwned(RoleStatements.ReassignOwned s, RoleCommands roles) {
        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "REASSIGN OWNED is not supported yet");
    }

    String dropOwned(RoleStatements.DropOwned s, StatementContext ctx, RoleCommands roles) {
        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "DROP OWNED is not supported yet");
    }
}
