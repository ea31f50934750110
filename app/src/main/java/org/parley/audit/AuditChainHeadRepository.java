package org.parley.audit;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface AuditChainHeadRepository extends Repository<AuditChainHead, Integer> {

    /** The head, locked until the transaction ends: appends wait for each other here. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from AuditChainHead h where h.id = " + AuditChainHead.ID)
    AuditChainHead lockHead();

    @Query("select h from AuditChainHead h where h.id = " + AuditChainHead.ID)
    Optional<AuditChainHead> head();
}
