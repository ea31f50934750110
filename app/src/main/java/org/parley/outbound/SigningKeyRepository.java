package org.parley.outbound;

import org.springframework.data.jpa.repository.JpaRepository;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {
}
