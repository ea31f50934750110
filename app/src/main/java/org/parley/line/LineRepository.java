package org.parley.line;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface LineRepository extends JpaRepository<Line, String> {

    List<Line> findAllByOrderByIdAsc();

    Optional<Line> findByPhoneNumber(String phoneNumber);
}
