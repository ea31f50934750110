package org.parley.line;

import org.springframework.data.jpa.repository.JpaRepository;

interface PhoneLineTypeRepository extends JpaRepository<PhoneLineType, String> {
}
