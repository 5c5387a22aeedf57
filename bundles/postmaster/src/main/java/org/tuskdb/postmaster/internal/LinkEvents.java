package org.tuskdb.postmaster.internal;

import org.tuskdb.postmaster.internal.control.ControlChannel;
import org.tuskdb.postmaster.internal.control.ControlMessage;

/** What the control server reports about worker links; the server loop handles each on its own thread. */
interface LinkEvents {
    /** A worker connected and introduced itself. */
    void hello(ControlMessage.Hello hello, ControlChannel channel);

    /** The worker with that pid is idle (backend) and waits for a client. */
    void idle(long pid);

    /** The auxiliary worker with that pid finished starting. */
    void ready(long pid);

    /** The worker's link ended (it exited, or broke the protocol). */
    void linkClosed(long pid);
}
