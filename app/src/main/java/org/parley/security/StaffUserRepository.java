package org.parley.security;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface StaffUserRepository extends JpaRepository<StaffUser, Long> {

    Optional<StaffUser> findByUsernameIgnoreCase(String username);

    java.util.List<StaffUser> findByRole(Role role);

    java.util.List<StaffUser> findByOrderByUsernameAsc(org.springframework.data.domain.Pageable page);

    long countByRoleAndEnabledTrue(Role role);

    long countByEnabledTrue();

    /** Active staff whose user name or display name contains the text, by display name. */
    @org.springframework.data.jpa.repository.Query("""
            select u from StaffUser u where u.enabled = true
              and (lower(u.username) like :text or lower(u.displayName) like :text)
            order by u.displayName, u.id
            """)
    java.util.List<StaffUser> activeMatching(@org.springframework.data.repository.query.Param("text") String text,
                                             org.springframework.data.domain.Pageable page);

    java.util.List<StaffUser> findByUsernameInAndEnabledTrue(java.util.Collection<String> usernames);

    /** The account, its row locked until the transaction ends: second-factor checks of one account queue here. */
    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @org.springframework.data.jpa.repository.Query("select u from StaffUser u where lower(u.username) = lower(:username)")
    Optional<StaffUser> lockByUsername(String username);

    /** What a signed-in session compares on every request (no encrypted column read). */
    @org.springframework.data.jpa.repository.Query("""
            select new org.parley.security.StaffAuthorities$AccessState(u.enabled, u.sessionEpoch, u.accessVersion)
            from StaffUser u where lower(u.username) = lower(:username)
            """)
    java.util.List<StaffAuthorities.AccessState> accessState(
            @org.springframework.data.repository.query.Param("username") String username);
}
