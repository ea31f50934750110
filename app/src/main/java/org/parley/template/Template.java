package org.parley.template;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.base.AbstractEntity;

/** A reply template the whole team uses. */
@Entity
@Table(name = "message_template")
class Template extends AbstractEntity {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "body", nullable = false)
    private String body;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Template() {
    }

    Template(String name, String body, Instant at) {
        this.name = name;
        this.body = body;
        this.createdAt = at;
        this.updatedAt = at;
    }

    void change(String name, String body, Instant at) {
        this.name = name;
        this.body = body;
        this.updatedAt = at;
    }

    String getName() {
        return name;
    }

    TemplateSummary summary() {
        return new TemplateSummary(getId(), name, body);
    }
}
