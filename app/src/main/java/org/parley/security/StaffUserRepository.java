package org.parley.security;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface StaffUserRepository extends JpaRepository<StaffUser, Long> {

    Optional<StaffUser> findByUsernameIgnoreCase(String username);

    java.util.List<StaffUser> findByOrderByUsernameAsc(org.springframework.data.domain.Pageable page);

    long countByRoleAndEnabledTrue(Role role);
}
