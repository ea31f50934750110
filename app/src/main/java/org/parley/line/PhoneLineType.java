package org.parley.line;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.plugin.LineType;

/** What kind of phone a number is, as a provider last said. */
@Entity
@Table(name = "phone_line_type")
class PhoneLineType {

    @Id
    @Column(name = "phone_number")
    private String phoneNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "line_type", nullable = false)
    private LineType lineType;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    protected PhoneLineType() {
    }

    PhoneLineType(String phoneNumber) {
        this.phoneNumber = phoneNumber;
    }

    void checked(LineType type, Instant at) {
        this.lineType = type;
        this.checkedAt = at;
    }

    LineType getLineType() {
        return lineType;
    }

    Instant getCheckedAt() {
        return checkedAt;
    }
}
