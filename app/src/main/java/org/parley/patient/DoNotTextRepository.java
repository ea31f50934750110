package org.parley.patient;

import org.springframework.data.jpa.repository.JpaRepository;

interface DoNotTextRepository extends JpaRepository<DoNotText, String> {
}
