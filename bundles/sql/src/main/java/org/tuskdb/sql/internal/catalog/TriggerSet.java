package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's user triggers (pg_trigger rows of tgrelid), in name order — PostgreSQL fires the
 * triggers of one event and timing in name order — with the lists each firing point asks for
 * made once when the table is loaded. A table without triggers has {@link #NONE}, whose every
 * list is empty, so statements over it do no trigger work beyond one empty-array check.
 */
public final class TriggerSet {
    /** Before NONE: its constructor fills its lists with this (static fields initialize in order). */
    private static final Trigger[] EMPTY = new Trigger[0];
    public static final TriggerSet NONE = new TriggerSet(List.of());

    /** Timings: the index of a firing point's list is {@code timing * 8 + event bit index * 2 + row}. */
    public static final int BEFORE = 0, AFTER = 1, INSTEAD = 2;

    private final List<Trigger> all;
    private final Trigger[][] lists = new Trigger[24][];

    public TriggerSet(List<Trigger> triggers) {
        this.all = List.copyOf(triggers);
        for (int timing = 0; timing < 3; timing++) {
            for (int e = 0; e < 4; e++) {
                for (int row = 0; row < 2; row++) {
                    List<Trigger> l = new ArrayList<>();
                    int bit = Trigger.INSERT << e;
                    for (Trigger t : all) {
                        int tt = t.before() ? BEFORE : t.instead() ? INSTEAD : AFTER;
                        if (tt == timing && (t.type() & bit) != 0 && t.row() == (row == 1) && t.firesInOrigin()) {
                            l.add(t);
                        }
                    }
                    lists[timing * 8 + e * 2 + row] = l.isEmpty() ? EMPTY : l.toArray(Trigger[]::new);
                }
            }
        }
    }

    /** Every trigger of the table, enabled or not, in name order. */
    public List<Trigger> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * The enabled triggers that fire at this point, in name order: {@code timing} BEFORE / AFTER /
     * INSTEAD, {@code event} Trigger.INSERT / DELETE / UPDATE / TRUNCATE, row or statement level.
     */
    public Trigger[] firing(int timing, int event, boolean row) {
        return lists[timing * 8 + Integer.numberOfTrailingZeros(event >> 2) * 2 + (row ? 1 : 0)];
    }

    /** Whether any enabled row-level trigger (of any timing) fires for this event. */
    public boolean hasRowTriggers(int event) {
        return firing(BEFORE, event, true).length + firing(AFTER, event, true).length
            + firing(INSTEAD, event, true).length > 0;
    }
}
