package org.tuskdb.api.storage;

/**
 * Names the files of one relation: {@code base/<dbOid>/<relNumber>[_fork]} under the data
 * directory (PostgreSQL's RelFileLocator without a tablespace: there is one, the default).
 * Shared catalogs use dbOid 0 and live under {@code global/}.
 */
public record RelFileLocator(int dbOid, long relNumber) {
    /** The database OID PostgreSQL gives the "postgres" database, which Tusk creates at init. */
    public static final int POSTGRES_DB_OID = 5;

    public RelFileLocator {
        if (dbOid < 0 || relNumber <= 0) {
            throw new IllegalArgumentException("bad relation file locator " + dbOid + "/" + relNumber);
        }
    }

    /** The fork's file, relative to the data directory. */
    public String relativePath(ForkNumber fork) {
        return (dbOid == 0 ? "global/" : "base/" + dbOid + "/") + relNumber + fork.suffix();
    }

    @Override
    public String toString() {
        return relativePath(ForkNumber.MAIN);
    }
}
