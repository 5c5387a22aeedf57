package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The roles of the cluster (PostgreSQL's pg_authid and pg_auth_members, both shared catalogs
 * in {@code global/}), read once per relation-cache generation: any change of a role moves the
 * catalog counter, so every session reads them again after the commit. The bootstrap superuser
 * is oid 10; PostgreSQL 15's predefined roles have their PostgreSQL oids.
 *
 * <p>Membership rules are PostgreSQL's (acl.c): a role is a member of itself and, transitively,
 * of every role granted to it ({@link #isMember}: what SET ROLE allows); it has the privileges of
 * the roles it reaches through members that INHERIT ({@link #hasPrivilegesOf}); a superuser has
 * every role's privileges.
 */
public final class Roles {
    /** The bootstrap superuser's name when the cluster is initialised (PostgreSQL: initdb's -U). */
    public static final String DEFAULT_BOOTSTRAP_SUPERUSER = "tusk";
    public static final long BOOTSTRAP_SUPERUSER = CatalogTables.SUPERUSER_OID;
    public static final long DATABASE_OWNER = 6171;
    /** Oids of PostgreSQL's roles below this are predefined (initdb's; pinned). */
    public static final long FIRST_NORMAL_OID = 16384;

    /** PostgreSQL 15's predefined roles (pg_authid.dat): name and oid. */
    public static final List<Map.Entry<String, Long>> PREDEFINED = List.of(
        Map.entry("pg_monitor", 3373L), Map.entry("pg_read_all_settings", 3374L),
        Map.entry("pg_read_all_stats", 3375L), Map.entry("pg_stat_scan_tables", 3377L),
        Map.entry("pg_signal_backend", 4200L), Map.entry("pg_checkpoint", 4544L),
        Map.entry("pg_read_server_files", 4569L), Map.entry("pg_write_server_files", 4570L),
        Map.entry("pg_execute_server_program", 4571L), Map.entry("pg_database_owner", DATABASE_OWNER),
        Map.entry("pg_read_all_data", 6181L), Map.entry("pg_write_all_data", 6182L));
    /** initdb's memberships: pg_monitor has pg_read_all_settings, pg_read_all_stats, pg_stat_scan_tables. */
    public static final List<long[]> PREDEFINED_MEMBERSHIPS = List.of(new long[] {3374, 3373},
        new long[] {3375, 3373}, new long[] {3377, 3373});

    public static final int OID = 0, NAME = 1, SUPER = 2, INHERIT = 3, CREATEROLE = 4, CREATEDB = 5, CANLOGIN = 6,
        REPLICATION = 7, BYPASSRLS = 8, CONNLIMIT = 9, PASSWORD = 10, VALIDUNTIL = 11, CONFIG = 12;
    public static final int MEM_ROLEID = 0, MEM_MEMBER = 1, MEM_GRANTOR = 2, MEM_ADMIN = 3;

    /** One pg_authid row. */
    public record Role(long oid, String name, boolean superuser, boolean inherit, boolean createRole,
                       boolean createDb, boolean canLogin, boolean replication, boolean bypassRls, int connectionLimit,
                       String password, String validUntil, String config) {
        public boolean predefined() {
            return oid < FIRST_NORMAL_OID;
        }

        public Value[] toRow() {
            return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), BoolValue.of(superuser),
                BoolValue.of(inherit), BoolValue.of(createRole), BoolValue.of(createDb), BoolValue.of(canLogin),
                BoolValue.of(replication), BoolValue.of(bypassRls), IntegerValue.int4(connectionLimit),
                password == null ? null : TextValue.text(password), validUntil == null ? null : TextValue.text(validUntil),
                config == null ? null : TextValue.text(config)};
        }

        static Role fromRow(Value[] r) {
            return new Role(((OidValue) r[OID]).value(), ((TextValue) r[NAME]).value(), bool(r[SUPER]),
                bool(r[INHERIT]), bool(r[CREATEROLE]), bool(r[CREATEDB]), bool(r[CANLOGIN]), bool(r[REPLICATION]),
                bool(r[BYPASSRLS]), (int) ((IntegerValue) r[CONNLIMIT]).value(), str(r[PASSWORD]), str(r[VALIDUNTIL]),
                r.length > CONFIG ? str(r[CONFIG]) : null);
        }
    }

    /** One pg_auth_members row. */
    public record Membership(long role, long member, long grantor, boolean admin) {
        public Value[] toRow() {
            return new Value[] {OidValue.oid(role), OidValue.oid(member), OidValue.oid(grantor), BoolValue.of(admin)};
        }
    }

    /** The roles an engine without storage has: its session user as the bootstrap superuser. */
    public static Roles synthesized(String superuserName) {
        List<Role> roles = new ArrayList<>(predefinedRoles());
        roles.add(0, superuser(superuserName));
        List<Membership> m = new ArrayList<>();
        for (long[] p : PREDEFINED_MEMBERSHIPS) {
            m.add(new Membership(p[0], p[1], BOOTSTRAP_SUPERUSER, false));
        }
        return new Roles(roles, m);
    }

    public static Role superuser(String name) {
        return new Role(BOOTSTRAP_SUPERUSER, name, true, true, true, true, true, true, true, -1, null, null, null);
    }

    public static List<Role> predefinedRoles() {
        List<Role> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : PREDEFINED) {
            out.add(new Role(e.getValue(), e.getKey(), false, true, false, false, false, false, false, -1, null, null,
                null));
        }
        return out;
    }

    /** The roles a statement sees: the stored ones, or without storage the synthesized bootstrap superuser. */
    public static Roles of(org.tuskdb.sql.internal.expr.EvalContext ctx) {
        StorageContext sc = ctx == null ? null : ctx.storage();
        RelationCache rc = sc == null ? null : sc.relationCache();
        String user = ctx == null ? null : ctx.sessionUser();
        if (rc == null) {
            return synthesized(user == null || user.isEmpty() ? "postgres" : user);
        }
        return rc.roles(sc, user);
    }

    /** Reads both catalogs with a catalog snapshot. */
    public static Roles load(StorageContext sc) {
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        org.tuskdb.api.xact.Snapshot snap = sc.freshSnapshot();
        List<Role> roles = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_AUTHID, snap)) {
            roles.add(Role.fromRow(e.row()));
        }
        List<Membership> members = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_AUTH_MEMBERS, snap)) {
            Value[] r = e.row();
            members.add(new Membership(oid(r[MEM_ROLEID]), oid(r[MEM_MEMBER]), oid(r[MEM_GRANTOR]), bool(r[MEM_ADMIN])));
        }
        return new Roles(roles, members);
    }

    private final List<Role> roles;
    private final Map<String, Role> byName = new HashMap<>();
    private final Map<Long, Role> byOid = new HashMap<>();
    private final List<Membership> memberships;
    /** Per member: the roles granted to it directly. */
    private final Map<Long, List<Membership>> grantedTo = new HashMap<>();

    private Roles(List<Role> roles, List<Membership> memberships) {
        List<Role> sorted = new ArrayList<>(roles);
        sorted.sort((a, b) -> Long.compare(a.oid(), b.oid()));
        this.roles = List.copyOf(sorted);
        for (Role r : sorted) {
            byName.put(r.name(), r);
            byOid.put(r.oid(), r);
        }
        this.memberships = List.copyOf(memberships);
        for (Membership m : memberships) {
            grantedTo.computeIfAbsent(m.member(), k -> new ArrayList<>()).add(m);
        }
    }

    /** Every role in oid order. */
    public List<Role> all() {
        return roles;
    }

    public List<Membership> memberships() {
        return memberships;
    }

    public Role byName(String name) {
        return byName.get(name);
    }

    public Role byOid(long oid) {
        return byOid.get(oid);
    }

    /** The role's name, or null. */
    public String name(long oid) {
        Role r = byOid.get(oid);
        return r == null ? null : r.name();
    }

    public boolean isSuperuser(long oid) {
        Role r = byOid.get(oid);
        return r != null && r.superuser();
    }

    /** Whether {@code member} may act as {@code role} (is_member_of_role: any path, inherit or not). */
    public boolean isMember(long member, long role) {
        return member == role || closure(member, false).contains(role);
    }

    /** Whether {@code member} has the privileges of {@code role} (has_privs_of_role): superusers always. */
    public boolean hasPrivilegesOf(long member, long role) {
        if (member == role || isSuperuser(member)) {
            return true;
        }
        return closure(member, true).contains(role);
    }

    /** Whether {@code member} holds ADMIN OPTION on {@code role}, directly or through a role it is a member of. */
    public boolean hasAdminOption(long member, long role) {
        for (long m : closureWithSelf(member, false)) {
            for (Membership g : grantedTo.getOrDefault(m, List.of())) {
                if (g.role() == role && g.admin()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The roles {@code member} has the privileges of (itself included), through INHERIT members. */
    public Set<Long> privilegeRoles(long member) {
        return closureWithSelf(member, true);
    }

    /** The roles granted to {@code member} directly, in grant order. */
    public List<Membership> grantedTo(long member) {
        return grantedTo.getOrDefault(member, List.of());
    }

    private Set<Long> closureWithSelf(long member, boolean inheritOnly) {
        Set<Long> out = closure(member, inheritOnly);
        out.add(member);
        return out;
    }

    private Set<Long> closure(long member, boolean inheritOnly) {
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>();
        todo.add(member);
        while (!todo.isEmpty()) {
            long m = todo.poll();
            if (inheritOnly) {
                Role r = byOid.get(m);
                if (r != null && !r.inherit()) {
                    continue;
                }
            }
            for (Membership g : grantedTo.getOrDefault(m, List.of())) {
                if (seen.add(g.role())) {
                    todo.add(g.role());
                }
            }
        }
        return seen;
    }

    /** The roles granted to {@code member} (directly), by name in grant order, as psql's "Member of". */
    public List<String> memberOfNames(long member) {
        List<String> out = new ArrayList<>();
        for (Membership g : grantedTo(member)) {
            String n = name(g.role());
            if (n != null) {
                out.add(n);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static boolean bool(Value v) {
        return ((BoolValue) v).value();
    }

    private static long oid(Value v) {
        return ((OidValue) v).value();
    }

    private static String str(Value v) {
        return v == null ? null : ((TextValue) v).value();
    }
}
