package org.parley.security.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One of the practice's security settings, by name; who changed it last and when. */
@Entity
@Table(name = "security_setting")
class SecuritySetting {

    @Id
    @Column(name = "name")
    private String name;

    @Column(name = "setting_value", nullable = false)
    private String value;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by", nullable = false)
    private String changedBy;

    @Version
    @Column(name = "version")
    private long version;

    protected SecuritySetting() {
    }

    SecuritySetting(String name) {
        this.name = name;
    }

    String getValue() {
        return value;
    }

    void change(String value, String actor, Instant now) {
        this.value = value;
        this.changedBy = actor;
        this.changedAt = now;
    }
}
