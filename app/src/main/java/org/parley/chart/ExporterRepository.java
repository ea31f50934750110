package org.parley.chart;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ExporterRepository extends JpaRepository<Exporter, String> {

    List<Exporter> findAllByOrderByIdAsc();

    List<Exporter> findByIsDefaultTrue();
}
