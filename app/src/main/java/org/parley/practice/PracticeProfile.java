package org.parley.practice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The one row of the practice's name and time zone; who changed it last and when. */
@Entity
@Table(name = "practice_profile")
class PracticeProfile {

    static final int THE_ONE = 1;

    @Id
    @Column(name = "id")
    private int id = THE_ONE;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by", nullable = false)
    private String changedBy;

    @Version
    @Column(name = "version")
    private long version;

    protected PracticeProfile() {
    }

    String getName() {
        return name;
    }

    String getTimeZone() {
        return timeZone;
    }

    void change(String name, String timeZone, String actor, Instant now) {
        this.name = name;
        this.timeZone = timeZone;
        this.changedBy = actor;
        this.changedAt = now;
    }
}
