package org.parley.lists;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.parley.base.AbstractEntity;

/** A group inbox and its subscribers. */
@Entity
@Table(name = "inbox_list")
class InboxList extends AbstractEntity {

    enum Kind {
        TEAM,
        BLOCKED
    }

    @Column(name = "name", nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private Kind kind;

    // A list has tens of members at most: loaded with the list.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "inbox_list_member", joinColumns = @JoinColumn(name = "list_id"))
    @Column(name = "staff_user_id")
    private Set<Long> members = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected InboxList() {
    }

    InboxList(String name, Instant createdAt) {
        this.name = name;
        this.kind = Kind.TEAM;
        this.createdAt = createdAt;
    }

    void rename(String name) {
        this.name = name;
    }

    void members(Set<Long> staffIds) {
        members.clear();
        members.addAll(staffIds);
    }

    String getName() {
        return name;
    }

    boolean isBlocked() {
        return kind == Kind.BLOCKED;
    }

    InboxListSummary summary() {
        return new InboxListSummary(getId(), name, isBlocked(), Set.copyOf(members));
    }
}
