package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Access control lists (PostgreSQL's acl.c): relacl, nspacl, proacl as lists of items
 * (grantee, grantor, privileges, grant options). Rules:
 * <ol>
 * <li>A null ACL means the object type's default ({@link #defaults}): the owner has every
 * privilege of the kind, PUBLIC has EXECUTE on functions, USAGE on types and languages,
 * CONNECT and TEMPORARY on databases. GRANT / REVOKE start from it, so the first of them stores
 * PUBLIC's default item and the owner's first, as PostgreSQL's.</li>
 * <li>Stored text names roles by oid ({@code {16384=r/10,=U/10}}, grantee 0 = PUBLIC), so renaming
 * a role changes nothing stored; SQL sees PostgreSQL's aclitem text with role names
 * ({@link #display}: {@code app=r/tusk}, {@code =U/tusk}, names quoted as putid does).</li>
 * <li>A role's privileges are the union of the items granted to PUBLIC and to every role it has
 * the privileges of ({@link Roles#hasPrivilegesOf}); superusers have all.</li>
 * </ol>
 * Privilege bits and letters are aclitem's: {@code arwdDxtXUCTc}.
 */
public final class AclItems {
    private AclItems() {}

    public static final int INSERT = 1, SELECT = 1 << 1, UPDATE = 1 << 2, DELETE = 1 << 3, TRUNCATE = 1 << 4,
        REFERENCES = 1 << 5, TRIGGER = 1 << 6, EXECUTE = 1 << 7, USAGE = 1 << 8, CREATE = 1 << 9, TEMPORARY = 1 << 10,
        CONNECT = 1 << 11;
    private static final String LETTERS = "arwdDxtXUCTc";

    public static final int ALL_TABLE = INSERT | SELECT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER;
    public static final int ALL_SEQUENCE = USAGE | SELECT | UPDATE;
    public static final int ALL_SCHEMA = USAGE | CREATE;
    public static final int ALL_FUNCTION = EXECUTE;
    public static final int ALL_DATABASE = CREATE | TEMPORARY | CONNECT;
    public static final int ALL_TYPE = USAGE;

    /** One aclitem; grantee 0 is PUBLIC. */
    public record Item(long grantee, long grantor, int privileges, int grantOptions) {}

    /** The privilege bit of a GRANT keyword (select, usage, temporary, ...). */
    public static int bit(String privilege) {
        return switch (privilege) {
            case "insert" -> INSERT;
            case "select" -> SELECT;
            case "update" -> UPDATE;
            case "delete" -> DELETE;
            case "truncate" -> TRUNCATE;
            case "references" -> REFERENCES;
            case "trigger" -> TRIGGER;
            case "execute" -> EXECUTE;
            case "usage" -> USAGE;
            case "create" -> CREATE;
            case "temporary" -> TEMPORARY;
            case "connect" -> CONNECT;
            default -> 0;
        };
    }

    /** Every privilege an object of the kind (TABLE, SEQUENCE, SCHEMA, FUNCTION, DATABASE, TYPE, LANGUAGE) has. */
    public static int all(String kind) {
        return switch (kind) {
            case "SEQUENCE" -> ALL_SEQUENCE;
            case "SCHEMA" -> ALL_SCHEMA;
            case "FUNCTION" -> ALL_FUNCTION;
            case "DATABASE" -> ALL_DATABASE;
            case "TYPE", "LANGUAGE" -> ALL_TYPE;
            default -> ALL_TABLE;
        };
    }

    /** acldefault(kind, owner): PUBLIC's item (if any) first, then the owner's, as PostgreSQL builds it. */
    public static List<Item> defaults(String kind, long owner) {
        List<Item> out = new ArrayList<>();
        int pub = switch (kind) {
            case "FUNCTION" -> EXECUTE;
            case "TYPE", "LANGUAGE" -> USAGE;
            case "DATABASE" -> TEMPORARY | CONNECT;
            default -> 0;
        };
        if (pub != 0) {
            out.add(new Item(0, owner, pub, 0));
        }
        out.add(new Item(owner, owner, all(kind), 0));
        return out;
    }

    /** The stored ACL's items, or the kind's defaults when it is null. */
    public static List<Item> effective(Value stored, String kind, long owner) {
        return stored == null ? defaults(kind, owner) : parse(((TextValue) stored).value());
    }

    public static List<Item> parse(String stored) {
        List<Item> out = new ArrayList<>();
        String body = stored.substring(1, stored.length() - 1);
        if (body.isEmpty()) {
            return out;
        }
        for (String part : body.split(",")) {
            int eq = part.indexOf('=');
            int slash = part.indexOf('/', eq);
            String bits = part.substring(eq + 1, slash);
            int privileges = 0;
            int options = 0;
            for (int i = 0; i < bits.length(); i++) {
                int b = 1 << LETTERS.indexOf(bits.charAt(i));
                privileges |= b;
                if (i + 1 < bits.length() && bits.charAt(i + 1) == '*') {
                    options |= b;
                    i++;
                }
            }
            out.add(new Item(eq == 0 ? 0 : Long.parseLong(part.substring(0, eq)), Long.parseLong(part.substring(slash + 1)),
                privileges, options));
        }
        return out;
    }

    /** The stored form (oids). */
    public static String format(List<Item> items) {
        StringBuilder b = new StringBuilder("{");
        for (Item i : items) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(i.grantee() == 0 ? "" : Long.toString(i.grantee())).append('=').append(letters(i)).append('/')
                .append(i.grantor());
        }
        return b.append('}').toString();
    }

    private static String letters(Item i) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < LETTERS.length(); k++) {
            if ((i.privileges() & (1 << k)) != 0) {
                b.append(LETTERS.charAt(k));
                if ((i.grantOptions() & (1 << k)) != 0) {
                    b.append('*');
                }
            }
        }
        return b.toString();
    }

    /** aclitemout of one item: role names (putid's quoting), PUBLIC as the empty name. */
    public static String display(Item i, Roles roles) {
        return (i.grantee() == 0 ? "" : putid(roleName(i.grantee(), roles))) + "=" + letters(i) + "/"
            + putid(roleName(i.grantor(), roles));
    }

    private static String roleName(long oid, Roles roles) {
        String n = roles.name(oid);
        return n != null ? n : Long.toString(oid);
    }

    private static String putid(String name) {
        boolean plain = !name.isEmpty();
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_') {
                plain = false;
                break;
            }
        }
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The stored ACL as SQL shows it: aclitem[] text, here a text[] (null stays null). */
    public static Value displayArray(Value stored, Roles roles) {
        if (stored == null) {
            return null;
        }
        return displayItems(parse(((TextValue) stored).value()), roles);
    }

    public static Value displayItems(List<Item> items, Roles roles) {
        Value[] out = new Value[items.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = TextValue.text(display(items.get(k), roles));
        }
        return new ArrayValue(PgType.TEXT_ARRAY, out);
    }

    /** aclupdate's merge: an item for an existing (grantee, grantor) pair adds to it, else goes at the end. */
    public static void merge(List<Item> items, Item add) {
        for (int k = 0; k < items.size(); k++) {
            Item i = items.get(k);
            if (i.grantee() == add.grantee() && i.grantor() == add.grantor()) {
                items.set(k, new Item(i.grantee(), i.grantor(), i.privileges() | add.privileges(),
                    i.grantOptions() | add.grantOptions()));
                return;
            }
        }
        if (add.privileges() != 0) {
            items.add(add);
        }
    }

    /**
     * REVOKE of {@code privileges} (or only their grant options) from {@code grantee} as granted by
     * {@code grantor}; items left with no privilege go.
     */
    public static void revoke(List<Item> items, long grantee, long grantor, int privileges, boolean optionOnly) {
        for (int k = items.size() - 1; k >= 0; k--) {
            Item i = items.get(k);
            if (i.grantee() == grantee && i.grantor() == grantor) {
                int p = optionOnly ? i.privileges() : i.privileges() & ~privileges;
                int o = i.grantOptions() & ~privileges & p;
                if (p == 0) {
                    items.remove(k);
                } else {
                    items.set(k, new Item(grantee, grantor, p, o));
                }
            }
        }
    }

    /** aclnewowner: the stored ACL with the old owner's items given to the new owner (null stays null). */
    public static Value changeOwner(Value stored, long oldOwner, long newOwner) {
        if (stored == null) {
            return null;
        }
        List<Item> out = new ArrayList<>();
        for (Item i : parse(((TextValue) stored).value())) {
            merge(out, new Item(i.grantee() == oldOwner ? newOwner : i.grantee(),
                i.grantor() == oldOwner ? newOwner : i.grantor(), i.privileges(), i.grantOptions()));
        }
        return TextValue.text(format(out));
    }

    /** The privileges {@code role} holds through the items (PUBLIC's and its roles'); superusers all of {@code all}. */
    public static int mask(List<Item> items, long role, Roles roles, int all) {
        if (roles.isSuperuser(role)) {
            return all;
        }
        int m = 0;
        for (Item i : items) {
            if (i.grantee() == 0 || roles.hasPrivilegesOf(role, i.grantee())) {
                m |= i.privileges();
            }
        }
        return m;
    }

    /** The grant options {@code role} holds (directly or through its roles). */
    public static int grantOptions(List<Item> items, long role, Roles roles) {
        int m = 0;
        for (Item i : items) {
            if (i.grantee() == 0 || roles.hasPrivilegesOf(role, i.grantee())) {
                m |= i.grantOptions();
            }
        }
        return m;
    }

    /** aclequal after aclitemsort: the same items in any order. */
    public static boolean sameItems(List<Item> a, List<Item> b) {
        return a.size() == b.size() && new java.util.HashSet<>(a).equals(new java.util.HashSet<>(b));
    }

    /** Whether any item names {@code role} as grantee or grantor (DROP ROLE's "privileges for ..."). */
    public static boolean mentions(Value stored, long role) {
        if (stored == null) {
            return false;
        }
        for (Item i : parse(((TextValue) stored).value())) {
            if (i.grantee() == role || i.grantor() == role) {
                return true;
            }
        }
        return false;
    }
}
