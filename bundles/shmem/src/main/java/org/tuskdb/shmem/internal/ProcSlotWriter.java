package org.tuskdb.shmem.internal;

import static org.tuskdb.shmem.internal.ProcArrayLayout.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.LongSupplier;

import org.tuskdb.api.shmem.ProcSlot;

/**
 * The owning process's writer of its slot. Every method is one seqlock write section (see
 * {@link ProcArrayTable}); only the process whose slot this is may call it.
 */
final class ProcSlotWriter implements ProcSlot {
    private final ProcArrayTable table;
    private final int slotNumber;
    private final MemorySegment slot;
    private final LongSupplier clock;

    ProcSlotWriter(ProcArrayTable table, int slotNumber, LongSupplier clock) {
        this.table = table;
        this.slotNumber = slotNumber;
        this.slot = table.slot(slotNumber);
        this.clock = clock;
    }

    @Override
    public int slot() {
        return slotNumber;
    }

    @Override
    public void beginSession(String database, String user, String applicationName, String clientAddr, int clientPort) {
        long now = clock.getAsLong();
        long header = table.beginWrite(slot);
        SlotText.write(slot, DATABASE, NAME_FIELD, database);
        SlotText.write(slot, USER, NAME_FIELD, user);
        SlotText.write(slot, APPLICATION_NAME, NAME_FIELD, applicationName);
        SlotText.write(slot, CLIENT_ADDR, CLIENT_ADDR_FIELD, clientAddr);
        slot.set(ValueLayout.JAVA_INT, CLIENT_PORT, clientAddr == null ? -1 : clientPort);
        SlotText.write(slot, STATE, STATE_FIELD, "idle");
        SlotText.write(slot, QUERY, QUERY_FIELD, "");
        slot.set(ValueLayout.JAVA_LONG, BACKEND_START, now);
        slot.set(ValueLayout.JAVA_LONG, STATE_CHANGE, now);
        slot.set(ValueLayout.JAVA_LONG, XACT_START, 0L);
        slot.set(ValueLayout.JAVA_LONG, QUERY_START, 0L);
        slot.set(ValueLayout.JAVA_INT, FLAGS, slot.get(ValueLayout.JAVA_INT, FLAGS) | FLAG_IN_SESSION);
        table.endWrite(slot, header, ProcArrayTable.state(header));
    }

    @Override
    public void endSession() {
        long header = table.beginWrite(slot);
        SlotText.write(slot, DATABASE, NAME_FIELD, "");
        SlotText.write(slot, USER, NAME_FIELD, "");
        SlotText.write(slot, APPLICATION_NAME, NAME_FIELD, "");
        SlotText.write(slot, CLIENT_ADDR, CLIENT_ADDR_FIELD, "");
        SlotText.write(slot, STATE, STATE_FIELD, "");
        SlotText.write(slot, QUERY, QUERY_FIELD, "");
        slot.set(ValueLayout.JAVA_INT, CLIENT_PORT, 0);
        slot.set(ValueLayout.JAVA_INT, CANCEL_KEY, 0); // the old session's key must not cancel the next one
        slot.set(ValueLayout.JAVA_LONG, BACKEND_START, slot.get(ValueLayout.JAVA_LONG, PROCESS_START));
        slot.set(ValueLayout.JAVA_LONG, XACT_START, 0L);
        slot.set(ValueLayout.JAVA_LONG, QUERY_START, 0L);
        slot.set(ValueLayout.JAVA_LONG, STATE_CHANGE, 0L);
        slot.set(ValueLayout.JAVA_INT, FLAGS, slot.get(ValueLayout.JAVA_INT, FLAGS) & ~FLAG_IN_SESSION);
        table.endWrite(slot, header, ProcArrayTable.state(header));
    }

    /**
     * New state; a non-null query replaces the reported query and restarts query_start (call it
     * with the statement when it starts, with null when going idle, as pg_stat_activity keeps
     * showing the last query of an idle session).
     */
    @Override
    public void reportState(String state, String query) {
        long now = clock.getAsLong();
        long header = table.beginWrite(slot);
        if (!SlotText.read(slot, STATE, STATE_FIELD).equals(state == null ? "" : state)) {
            SlotText.write(slot, STATE, STATE_FIELD, state);
            slot.set(ValueLayout.JAVA_LONG, STATE_CHANGE, now);
        }
        if (query != null) {
            SlotText.write(slot, QUERY, QUERY_FIELD, query);
            slot.set(ValueLayout.JAVA_LONG, QUERY_START, now);
        }
        table.endWrite(slot, header, ProcArrayTable.state(header));
    }

    @Override
    public void reportTransactionStart(long epochMillis) {
        long header = table.beginWrite(slot);
        slot.set(ValueLayout.JAVA_LONG, XACT_START, epochMillis);
        table.endWrite(slot, header, ProcArrayTable.state(header));
    }

    @Override
    public void reportApplicationName(String applicationName) {
        long header = table.beginWrite(slot);
        SlotText.write(slot, APPLICATION_NAME, NAME_FIELD, applicationName);
        table.endWrite(slot, header, ProcArrayTable.state(header));
    }
}
