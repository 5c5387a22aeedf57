package org.tuskdb.sql.internal.value;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** inet, for pg_stat_activity.client_addr: an address without a netmask, shown as text. */
public final class InetValue extends Value {
    private final byte[] address;

    private InetValue(byte[] address) {
        this.address = address;
    }

    public static InetValue parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        boolean literal = !s.isEmpty() && (s.indexOf(':') >= 0 || Character.digit(s.charAt(0), 16) >= 0);
        if (!literal) {
            throw Errors.invalidInput(PgType.INET, text);
        }
        try {
            // Only numeric literals reach here, so no name lookup happens.
            return new InetValue(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException | SecurityException e) {
            throw Errors.invalidInput(PgType.INET, text);
        }
    }

    @Override public PgType type() { return PgType.INET; }

    @Override
    public String toText(SessionStyle style) {
        try {
            String s = InetAddress.getByAddress(address).getHostAddress();
            return address.length == 16 ? compressIpv6(s) : s;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java prints 0:0:0:0:0:0:0:1; PostgreSQL prints ::1. */
    private static String compressIpv6(String s) {
        String[] parts = s.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return s;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return head + "::" + tail;
    }

    @Override
    public byte[] toBinary() {
        // family (2 = AF_INET, 3 = PGSQL_AF_INET6), bits, is_cidr, length, address bytes
        byte[] b = new byte[4 + address.length];
        b[0] = (byte) (address.length == 4 ? 2 : 3);
        b[1] = (byte) (address.length * 8);
        b[2] = 0;
        b[3] = (byte) address.length;
        System.arraycopy(address, 0, b, 4, address.length);
        return b;
    }

    @Override
    public int compareTo(Value other) {
        byte[] o = ((InetValue) other).address;
        if (address.length != o.length) {
            return address.length - o.length;
        }
        return java.util.Arrays.compareUnsigned(address, o);
    }

    @Override public int hashCode() { return java.util.Arrays.hashCode(address); }
}
