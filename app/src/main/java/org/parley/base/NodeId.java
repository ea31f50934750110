package org.parley.base;

import java.util.UUID;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This Parley process's name in the leases of queued work ({@link LeasedQueue}): random at each start, so two nodes
 * on one database, or a node and the one it replaced after a crash, never take each other's leases for their own.
 * It carries nothing about the machine; the log names it once at start so an operator can match leases to nodes.
 */
@Component
public class NodeId {

    private final String value = "node-" + UUID.randomUUID();

    NodeId() {
        LoggerFactory.getLogger(NodeId.class).info("This Parley node leases queued work as {}", value);
    }

    /** e.g. {@code node-1b4e28ba-2fa1-11d2-883f-0016d3cca427} (41 characters). */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
