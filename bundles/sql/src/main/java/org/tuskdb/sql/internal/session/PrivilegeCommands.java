package org.tuskdb.sql.internal.session;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.RoleStatements;

/** GRANT / REVOKE of privileges on objects. */
final class PrivilegeCommands {
    private final Session session;
    private final StorageTransaction st;
    private final StatementContext ctx;

    PrivilegeCommands(Session session, StorageTransaction st, StatementContext ctx) {
        this.session = session;
        this.st = st;
        this.ctx = ctx;
    }

    String grant(RoleStatements.GrantPrivileges s) {
        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, (s.grant() ? "GRANT" : "REVOKE")
            + " of privileges on objects is not supported yet");
    }
}
