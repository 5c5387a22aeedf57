package org.tuskdb.api.xact;

/**
 * What a heavyweight lock is on (PostgreSQL's LOCKTAG): a relation of a database, a
 * transaction id (which its own transaction holds exclusively while running, so others can wait
 * for it to end), a tuple, or an advisory key.
 */
public record LockTag(Kind kind, long field1, long field2, long field3) {
    public enum Kind { RELATION, TRANSACTION, TUPLE, EXTEND, OBJECT, ADVISORY }

    public static LockTag relation(int dbOid, long relOid) {
        return new LockTag(Kind.RELATION, dbOid, relOid, 0);
    }

    public static LockTag transaction(long xid) {
        return new LockTag(Kind.TRANSACTION, xid, 0, 0);
    }

    public static LockTag tuple(int dbOid, long relOid, long block, int offset) {
        return new LockTag(Kind.TUPLE, dbOid, relOid, block << 16 | offset);
    }

    public static LockTag extend(int dbOid, long relOid) {
        return new LockTag(Kind.EXTEND, dbOid, relOid, 0);
    }
}
