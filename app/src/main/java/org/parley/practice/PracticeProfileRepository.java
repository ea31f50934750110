package org.parley.practice;

import org.springframework.data.jpa.repository.JpaRepository;

interface PracticeProfileRepository extends JpaRepository<PracticeProfile, Integer> {
}
