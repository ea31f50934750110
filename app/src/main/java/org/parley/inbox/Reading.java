package org.parley.inbox;

/** Whether a screen reads for a person's own action, or refreshes for a batch of live updates. */
public enum Reading {
    /** What a person asked for (chose a view, opened, assigned): read now, so they see their own change at once. */
    FRESH,
    /**
     * A refresh for a batch of live updates: what is the same for every viewer is read once for all the screens
     * refreshing for that batch ({@link org.parley.base.SharedReads}).
     */
    LIVE
}
