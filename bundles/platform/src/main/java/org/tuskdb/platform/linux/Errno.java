package org.tuskdb.platform.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * errno values (Linux generic numbering, the same on x86_64 and aarch64) with their symbolic
 * names and strerror text.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int ENOSPC = 28;
    public static final int EPIPE = 32;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ENOTSOCK = 88;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;

    private static final String[] NAMES = new String[134];

    static {
        String[] table = {
            "1 EPERM", "2 ENOENT", "3 ESRCH", "4 EINTR", "5 EIO", "6 ENXIO", "7 E2BIG", "8 ENOEXEC",
            "9 EBADF", "10 ECHILD", "11 EAGAIN", "12 ENOMEM", "13 EACCES", "14 EFAULT", "15 ENOTBLK",
            "16 EBUSY", "17 EEXIST", "18 EXDEV", "19 ENODEV", "20 ENOTDIR", "21 EISDIR", "22 EINVAL",
            "23 ENFILE", "24 EMFILE", "25 ENOTTY", "26 ETXTBSY", "27 EFBIG", "28 ENOSPC", "29 ESPIPE",
            "30 EROFS", "31 EMLINK", "32 EPIPE", "33 EDOM", "34 ERANGE", "35 EDEADLK", "36 ENAMETOOLONG",
            "37 ENOLCK", "38 ENOSYS", "39 ENOTEMPTY", "40 ELOOP", "75 EOVERFLOW", "88 ENOTSOCK",
            "89 EDESTADDRREQ", "90 EMSGSIZE", "91 EPROTOTYPE", "92 ENOPROTOOPT", "93 EPROTONOSUPPORT",
            "94 ESOCKTNOSUPPORT", "95 EOPNOTSUPP", "96 EPFNOSUPPORT", "97 EAFNOSUPPORT", "98 EADDRINUSE",
            "99 EADDRNOTAVAIL", "100 ENETDOWN", "101 ENETUNREACH", "102 ENETRESET", "103 ECONNABORTED",
            "104 ECONNRESET", "105 ENOBUFS", "106 EISCONN", "107 ENOTCONN", "108 ESHUTDOWN",
            "110 ETIMEDOUT", "111 ECONNREFUSED", "112 EHOSTDOWN", "113 EHOSTUNREACH", "114 EALREADY",
            "115 EINPROGRESS", "122 EDQUOT", "125 ECANCELED",
        };
        for (String entry : table) {
            int space = entry.indexOf(' ');
            NAMES[Integer.parseInt(entry.substring(0, space))] = entry.substring(space + 1);
        }
    }

    private static final class StrerrorCall {
        static final MethodHandle HANDLE = Native.plainFunction("strerror",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private Errno() {
    }

    /** Symbolic name ("EAGAIN"), or "errno N" for a value without one here. */
    public static String name(int errno) {
        String name = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }

    /** The C library's text for the errno (strerror). */
    public static String message(int errno) {
        try {
            // glibc returns a static string for every known errno; the length bound is generous.
            MemorySegment text = (MemorySegment) StrerrorCall.HANDLE.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
