package org.tuskdb.api.sql;

/**
 * Receives the asynchronous notifications a session is to send to its client: the protocol
 * writes each as a NotificationResponse message.
 *
 * @since 1.2
 */
@FunctionalInterface
public interface NotificationSink {
    /** One notification: the notifying backend's pid, the channel and the payload ("" for none). */
    void notification(int senderPid, String channel, String payload);
}
