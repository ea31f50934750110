package org.parley.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A number nobody may text, with why, who said so and when. */
@Entity
@Table(name = "do_not_text")
class DoNotText {

    @Id
    @Column(name = "phone_number")
    private String phoneNumber;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "set_by", nullable = false)
    private String setBy;

    @Column(name = "set_at", nullable = false)
    private Instant setAt;

    @Column(name = "contact_id")
    private Long contactId;

    protected DoNotText() {
    }

    DoNotText(String phoneNumber, String reason, String setBy, Instant setAt, Long contactId) {
        this.phoneNumber = phoneNumber;
        this.reason = reason;
        this.setBy = setBy;
        this.setAt = setAt;
        this.contactId = contactId;
    }

    DoNotTextMark mark() {
        return new DoNotTextMark(reason, setBy, setAt);
    }
}
