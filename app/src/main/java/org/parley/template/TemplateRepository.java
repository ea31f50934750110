package org.parley.template;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface TemplateRepository extends JpaRepository<Template, Long> {

    List<Template> findByNameContainingIgnoreCaseOrderByNameAscIdAsc(String name, Pageable page);

    long countByNameContainingIgnoreCase(String name);

    Optional<Template> findFirstByNameIgnoreCase(String name);
}
