package org.parley.security;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StaffUserRepository extends JpaRepository<StaffUser, Long> {

    Optional<StaffUser> findByUsernameIgnoreCase(String username);

    List<StaffUser> findByRole(Role role);

    List<StaffUser> findByOrderByUsernameAsc(Pageable page);

    long countByRoleAndEnabledTrue(Role role);

    long countByEnabledTrue();

    /** Active staff whose user name or display name contains the text, by display name. */
    @Query("""
            select u from StaffUser u where u.enabled = true
              and (lower(u.username) like :text or lower(u.displayName) like :text)
            order by u.displayName, u.id
            """)
    List<StaffUser> activeMatching(@Param("text") String text,
                                             Pageable page);

    List<StaffUser> findByUsernameInAndEnabledTrue(Collection<String> usernames);

    /** The account, its row locked until the transaction ends: second-factor checks of one account queue here. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from StaffUser u where lower(u.username) = lower(:username)")
    Optional<StaffUser> lockByUsername(String username);

    /** What a signed-in session compares on every request (no encrypted column read). */
    @Query("""
            select new org.parley.security.StaffAuthorities$AccessState(u.enabled, u.sessionEpoch, u.accessVersion)
            from StaffUser u where lower(u.username) = lower(:username)
            """)
    List<StaffAuthorities.AccessState> accessState(
            @Param("username") String username);
}
