package org.parley.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The filters of {@link AuditFilter} as a criteria query; newest first. */
class AuditEventSearchImpl implements AuditEventSearch {

    private final EntityManager entityManager;

    AuditEventSearchImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public List<AuditEvent> search(AuditFilter filter, int offset, int limit) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<AuditEvent> query = cb.createQuery(AuditEvent.class);
        Root<AuditEvent> root = query.from(AuditEvent.class);
        query.select(root).where(matching(filter, cb, root))
                .orderBy(cb.desc(root.get("occurredAt")), cb.desc(root.get("id")));
        return entityManager.createQuery(query).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public long count(AuditFilter filter) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<AuditEvent> root = query.from(AuditEvent.class);
        query.select(cb.count(root)).where(matching(filter, cb, root));
        return entityManager.createQuery(query).getSingleResult();
    }

    private static Predicate[] matching(AuditFilter filter, CriteriaBuilder cb, Root<AuditEvent> root) {
        List<Predicate> where = new ArrayList<>();
        if (filter.actor() != null && !filter.actor().isBlank()) {
            where.add(cb.equal(cb.lower(root.get("actor")), filter.actor().strip().toLowerCase(Locale.ROOT)));
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            where.add(cb.equal(root.get("action"), filter.action().strip()));
        }
        if (filter.targetType() != null && !filter.targetType().isBlank()) {
            where.add(cb.equal(root.get("targetType"), filter.targetType().strip()));
        }
        if (filter.targetId() != null && !filter.targetId().isBlank()) {
            where.add(cb.equal(root.get("targetId"), filter.targetId().strip()));
        }
        if (filter.from() != null) {
            where.add(cb.greaterThanOrEqualTo(root.get("occurredAt"), filter.from()));
        }
        if (filter.until() != null) {
            where.add(cb.lessThan(root.get("occurredAt"), filter.until()));
        }
        return where.toArray(Predicate[]::new);
    }
}
