package org.tuskdb.platform.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * How this package reaches libc: the linker, symbol lookup and errno capture.
 *
 * <p>Rule: each downcall handle lives in a holder class of its own ({@code private static final
 * class ReadCall { static final MethodHandle HANDLE = ...; }}), which the JVM initializes at the
 * handle's first use. Building a handle spins classes (a few milliseconds each while a JVM
 * starts), and a process needs only some of them: a logger never opens a socket, a backend never
 * listens. A static final in a class initialized at first use is still a constant to the JIT.
 * Immutable, so not shared state.
 *
 * <p>errno is captured by the linker right after the call (Linker.Option.captureCallState):
 * reading it later from Java would see whatever the JVM's own native code left there.
 */
final class Native {
    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    /** An offset, not a VarHandle: one VarHandle more to spin at every start for nothing. */
    private static final long ERRNO = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private Native() {
    }

    static MemorySegment symbol(String name) {
        // Not orElseThrow(supplier): a lambda of a bundle class is spun at every start (no AOT archive)
        java.util.Optional<MemorySegment> symbol = LIBC.find(name);
        if (symbol.isEmpty()) {
            throw new UnsatisfiedLinkError("libc has no symbol " + name);
        }
        return symbol.get();
    }

    /** A downcall whose first parameter is the call-state segment that receives errno. */
    static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(symbol(name), descriptor, all);
    }

    /** A downcall of a function that cannot fail (or reports failure in its return value). */
    static MethodHandle plainFunction(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment callState) {
        return callState.get(ValueLayout.JAVA_INT, ERRNO);
    }

    static ErrnoException failure(String call, MemorySegment callState) {
        return new ErrnoException(call, errno(callState));
    }

    /** invokeExact declares Throwable; a downcall itself throws nothing checked. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
