package org.parley.audit;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface AuditChainHeadRepository extends Repository<AuditChainHead, Integer> {

    /** Every chain's head, in chain order. */
    @Query("select h from AuditChainHead h order by h.id")
    List<AuditChainHead> heads();
}
