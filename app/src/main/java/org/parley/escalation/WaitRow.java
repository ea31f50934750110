package org.parley.escalation;

import java.time.Instant;

/** A row of {@code conversation_waiting} with the list whose goal applies (the current list, else the one at start). */
record WaitRow(long conversationId, String lineId, Long listId, Instant since, Instant escalatedAt) {
}
