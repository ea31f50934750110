package org.parley.audit;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long>,
        org.springframework.data.jpa.repository.JpaSpecificationExecutor<AuditEvent> {

    List<AuditEvent> findByOrderByOccurredAtDescIdDesc(Pageable page);

    List<AuditEvent> findByActionOrderByOccurredAtDescIdDesc(String action, Pageable page);
}
