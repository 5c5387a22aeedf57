package org.tuskdb.api.index;

/** Ascending (key, tid) order, or descending (ORDER BY ... DESC, max()). */
public enum ScanDirection { FORWARD, BACKWARD }
