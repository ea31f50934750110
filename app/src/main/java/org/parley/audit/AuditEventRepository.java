package org.parley.audit;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/**
 * The audit log's only door to its table: append and read. Deliberately not a {@code JpaRepository}, which
 * would bring delete methods; {@code AuditChainTest} keeps it that way.
 */
interface AuditEventRepository extends Repository<AuditEvent, Long>, AuditEventSearch {

    AuditEvent save(AuditEvent event);

    List<AuditEvent> findByOrderByOccurredAtDescIdDesc(Pageable page);

    List<AuditEvent> findByActionOrderByOccurredAtDescIdDesc(String action, Pageable page);

    /** One chain from {@code seq} on, in order, one page at a time. */
    List<AuditEvent> findByChainIdAndSeqGreaterThanOrderBySeqAsc(int chainId, long seq, Limit limit);

    /** The first entry that has no place in the chain (written around the app), if any. */
    Optional<AuditEvent> findFirstBySeqIsNullOrderByIdAsc();

    long countBySeqIsNull();
}
