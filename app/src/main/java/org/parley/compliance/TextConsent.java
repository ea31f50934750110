package org.parley.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The last consent change of a number on a line. */
@Entity
@Table(name = "text_consent")
@IdClass(TextConsent.Key.class)
class TextConsent {

    static class Key implements Serializable {
        private String lineId;
        private String phoneNumber;

        protected Key() {
        }

        Key(String lineId, String phoneNumber) {
            this.lineId = lineId;
            this.phoneNumber = phoneNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.lineId, lineId) && Objects.equals(k.phoneNumber, phoneNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(lineId, phoneNumber);
        }
    }

    @Id
    @Column(name = "line_id")
    private String lineId;

    @Id
    @Column(name = "phone_number")
    private String phoneNumber;

    @Column(name = "opted_out", nullable = false)
    private boolean optedOut;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "source", nullable = false)
    private String source;

    protected TextConsent() {
    }

    TextConsent(String lineId, String phoneNumber) {
        this.lineId = lineId;
        this.phoneNumber = phoneNumber;
    }

    void set(boolean optedOut, Instant at, String source) {
        this.optedOut = optedOut;
        this.changedAt = at;
        this.source = source;
    }

    OptOutStatus status() {
        return new OptOutStatus(optedOut, changedAt, source);
    }
}
