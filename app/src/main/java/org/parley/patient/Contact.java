package org.parley.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.base.AbstractEntity;

/** Whoever writes from a number. */
@Entity
@Table(name = "contact")
class Contact extends AbstractEntity {

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private ContactKind kind;

    @Column(name = "phone_number")
    private String phoneNumber;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column(name = "organisation")
    private String organisation;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Contact() {
    }

    static Contact unknown(String phoneNumber, Instant createdAt) {
        Contact contact = new Contact();
        contact.kind = ContactKind.UNKNOWN;
        contact.phoneNumber = phoneNumber;
        contact.createdAt = createdAt;
        return contact;
    }

    ContactSummary summary() {
        return new ContactSummary(getId(), kind, phoneNumber, firstName, lastName, organisation);
    }
}
