package org.tuskdb.api.heap;

/** SELECT ... FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE. */
public enum RowLockMode { KEY_SHARE, SHARE, NO_KEY_UPDATE, UPDATE }
