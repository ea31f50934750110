package org.parley.audit;

import jakarta.persistence.LockModeType;
import java.util.List;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface AuditChainHeadRepository extends Repository<AuditChainHead, Integer> {

    /** A chain's head, locked until the transaction ends: appends to that chain wait for each other here. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from AuditChainHead h where h.id = :chain")
    AuditChainHead lockHead(@Param("chain") int chain);

    /** Every chain's head, in chain order. */
    @Query("select h from AuditChainHead h order by h.id")
    List<AuditChainHead> heads();
}
