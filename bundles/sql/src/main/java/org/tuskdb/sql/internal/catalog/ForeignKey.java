package org.tuskdb.sql.internal.catalog;

/**
 * A FOREIGN KEY constraint (a pg_constraint row of contype f) as the relation cache attaches it
 * to both of its tables: the referencing ("child") table's {@link TableDescriptor#foreignKeys()}
 * and the referenced ("parent") table's {@link TableDescriptor#referencedBy()}. Names and oids,
 * not descriptors, identify the other table: the analyzer looks it up (and locks it) for every
 * statement that needs it, so a cached descriptor never holds a stale copy of another table.
 *
 * @param childColumns  the referencing columns, 0-based positions in the child table
 * @param parentColumns the referenced columns, 0-based positions in the parent table (same order)
 * @param onUpdate      pg_constraint.confupdtype: a (NO ACTION), r (RESTRICT), c (CASCADE), n (SET NULL), d (SET DEFAULT)
 * @param onDelete      pg_constraint.confdeltype, the same codes
 * @param initiallyDeferred DEFERRABLE INITIALLY DEFERRED: the checks run at COMMIT
 * @param matchFull   MATCH FULL (confmatchtype f): a key with some but not all columns NULL is a violation
 */
public record ForeignKey(long oid, String name, long childOid, String childSchema, String childName,
                         int[] childColumns, long parentOid, String parentSchema, String parentName,
                         int[] parentColumns, char onUpdate, char onDelete, boolean deferrable,
                         boolean initiallyDeferred, boolean matchFull) {

    public static final char NO_ACTION = 'a', RESTRICT = 'r', CASCADE = 'c', SET_NULL = 'n', SET_DEFAULT = 'd';
}
