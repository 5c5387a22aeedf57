package org.tuskdb.wal.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main data of an XLOG checkpoint record (PostgreSQL's CheckPoint struct), little-endian:
 * version (u32), redo LSN (u64), time in ms (u64), timeline (u32), system id (u64), then the
 * number of participant states (u32) and for each its name (u16 length + UTF-8) and its state
 * (i32 length, -1 for null, + bytes).
 */
record CheckpointRecord(long redo, long timeMillis, int timeline, long systemId, Map<String, byte[]> states) {
    /** Info bytes of the XLOG resource manager (PostgreSQL's values). */
    static final int INFO_SHUTDOWN = 0x00;
    static final int INFO_ONLINE = 0x10;
    static final int INFO_END_OF_RECOVERY = 0x90;

    private static final int VERSION = 1;

    static boolean isCheckpoint(int info) {
        return info == INFO_SHUTDOWN || info == INFO_ONLINE || info == INFO_END_OF_RECOVERY;
    }

    static String infoName(int info) {
        return switch (info) {
            case INFO_SHUTDOWN -> "CHECKPOINT_SHUTDOWN";
            case INFO_ONLINE -> "CHECKPOINT_ONLINE";
            case INFO_END_OF_RECOVERY -> "END_OF_RECOVERY";
            default -> "UNKNOWN 0x" + Integer.toHexString(info);
        };
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        ByteBuffer head = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(VERSION).putLong(redo).putLong(timeMillis).putInt(timeline).putLong(systemId).putInt(states.size());
        out.writeBytes(head.array());
        for (Map.Entry<String, byte[]> e : states.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] state = e.getValue();
            ByteBuffer b = ByteBuffer.allocate(6 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) name.length).put(name).putInt(state == null ? -1 : state.length);
            out.writeBytes(b.array());
            if (state != null) {
                out.writeBytes(state);
            }
        }
        return out.toByteArray();
    }

    static CheckpointRecord decode(ByteBuffer data) {
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("checkpoint record version " + version);
        }
        long redo = b.getLong();
        long time = b.getLong();
        int timeline = b.getInt();
        long systemId = b.getLong();
        int n = b.getInt();
        Map<String, byte[]> states = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(name);
            int len = b.getInt();
            byte[] state = null;
            if (len >= 0) {
                state = new byte[len];
                b.get(state);
            }
            states.put(new String(name, StandardCharsets.UTF_8), state);
        }
        return new CheckpointRecord(redo, time, timeline, systemId, Collections.unmodifiableMap(states));
    }
}
