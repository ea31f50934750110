package org.parley.security;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RecoveryCodeRepository extends JpaRepository<RecoveryCode, Long> {

    Optional<RecoveryCode> findByStaffUserIdAndCodeHashAndUsedAtIsNull(long staffUserId, String codeHash);

    long countByStaffUserIdAndUsedAtIsNull(long staffUserId);

    @Modifying
    @Query("delete from RecoveryCode c where c.staffUserId = :staffUserId")
    void deleteAllOf(long staffUserId);
}
