package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.FLOAT8;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.util.Iterator;
import java.util.List;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;
import org.tuskdb.sql.internal.value.VoidValue;

/**
 * LISTEN / NOTIFY as functions: pg_notify(channel, payload) (NOTIFY with a computed channel or
 * payload), pg_listening_channels(), pg_notification_queue_usage(). They act on the session's
 * {@link org.tuskdb.sql.internal.async.Notifications} through the EvalContext.
 */
final class NotifyFunctions {
    private NotifyFunctions() {}

    static void register(FunctionRegistry r) {
        // not strict, as PostgreSQL's: a NULL channel is "channel name cannot be empty", a NULL payload ""
        r.addFunction(new FunctionDef("pg_notify", List.of(TEXT, TEXT), PgType.VOID, false, false, 'v', (a, c) -> {
            c.notifications().notify(a[0] == null ? null : ((TextValue) a[0]).textValue(),
                a[1] == null ? null : ((TextValue) a[1]).textValue());
            return VoidValue.INSTANCE;
        }));
        r.fn("pg_notification_queue_usage", FLOAT8, List.of(), 'v',
            (a, c) -> FloatValue.of(FLOAT8, c.notifications().queueUsage()));
        r.addTableFunction(new TableFunctionDef(new FunctionDef("pg_listening_channels", List.of(), TEXT, false, true,
            's', null), List.of(new Relation.Column("pg_listening_channels", TEXT, -1)), (a, c) -> {
                Iterator<String> it = c.notifications().listening().iterator();
                return () -> it.hasNext() ? new Value[] {TextValue.text(it.next())} : null;
            }));
    }
}
