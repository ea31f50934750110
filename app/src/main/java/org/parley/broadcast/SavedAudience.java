package org.parley.broadcast;

/**
 * A search saved under a name.
 *
 * @param search      what it finds: a {@link AudienceChoice.BornBetween}, {@link AudienceChoice.InList} or
 *                    {@link AudienceChoice.LastVisitBetween}
 * @param description in words, e.g. "patients born 1950-01-01 to 1960-12-31"
 */
public record SavedAudience(long id, String name, AudienceChoice search, String description) {

    /** In words, e.g. "patients born 1950-01-01 to 1960-12-31". */
    public String describe() {
        return description;
    }
}
