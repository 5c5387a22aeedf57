package org.tuskdb.postmaster.internal;

import java.nio.file.Path;

import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.UnixSocket;
import org.tuskdb.postmaster.internal.control.ControlChannel;
import org.tuskdb.postmaster.internal.control.ControlMessage;

/**
 * A worker process for {@link ServerLoopProcessTest}: speaks the control protocol like the real
 * worker link, without a framework, so a child starts in a fraction of a second.
 * Arguments: control socket, slot, role, behaviour ("ok"; "fail": the startup role exits 1;
 * "slow": a backend waits 1 s before it first reports idle, like a JVM that starts slowly;
 * "late-hup": a backend takes 1.5 s before it installs a SIGHUP handler and connects, as a JVM
 * booting its framework does — a SIGHUP before that ends it with 129 — and then marks each SIGHUP
 * it gets with a file hup-PID beside the control socket).
 */
public final class FakeWorker {
    private FakeWorker() {}

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        int slot = Integer.parseInt(args[1]);
        String role = args[2];
        boolean fail = args.length > 3 && args[3].equals("fail");
        if (role.equals("backend") && args.length > 3 && args[3].equals("late-hup")) {
            Thread.sleep(1500);
            Path marker = socket.resolveSibling("hup-" + ProcessHandle.current().pid());
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
                try {
                    java.nio.file.Files.writeString(marker, "hup\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        ControlChannel channel = new ControlChannel(UnixSocket.connect(socket));
        channel.send(new ControlMessage.Hello(slot, ProcessHandle.current().pid()));
        switch (role) {
            case "startup" -> System.exit(fail ? 1 : 0);
            case "backend" -> {
                if (args.length > 3 && args[3].equals("slow")) {
                    Thread.sleep(1000);
                }
                while (true) {
                    channel.send(new ControlMessage.Idle());
                    ControlChannel.Received received = channel.receive();
                    if (received == null) {
                        Runtime.getRuntime().halt(1);
                    }
                    if (received.message() instanceof ControlMessage.Exit) {
                        System.exit(0);
                    }
                    // A session: greet the client with one byte and end it at once.
                    Libc.writeFully(received.fd(), new byte[] {'Z'}, 0, 1);
                    Libc.close(received.fd());
                }
            }
            default -> {
                channel.send(new ControlMessage.Ready());
                channel.receive(); // returns at end of stream: the postmaster is gone
                Runtime.getRuntime().halt(1);
            }
        }
    }
}
