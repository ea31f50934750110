package org.parley.security;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface EmergencyGrantRepository extends JpaRepository<EmergencyGrant, Long> {

    @Query("select g from EmergencyGrant g where g.staffUserId = :staffUserId and g.revokedAt is null "
            + "and g.expiresAt > :now order by g.expiresAt desc")
    List<EmergencyGrant> activeOf(long staffUserId, Instant now);

    default Optional<EmergencyGrant> findActive(long staffUserId, Instant now) {
        return activeOf(staffUserId, now).stream().findFirst();
    }

    @Query("select g from EmergencyGrant g where g.staffUserId in :staffUserIds and g.revokedAt is null "
            + "and g.expiresAt > :now")
    List<EmergencyGrant> activeOfAny(Collection<Long> staffUserIds, Instant now);

    /**
     * Grants that ran out and whose end is not in the audit log yet, locked until the caller's transaction ends: a
     * second sweep at the same moment waits and then no longer finds them.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select g from EmergencyGrant g where g.expiryAudited = false and g.revokedAt is null "
            + "and g.expiresAt <= :now order by g.expiresAt")
    List<EmergencyGrant> expiredUnaudited(Instant now);
}
