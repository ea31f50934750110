package org.parley.compliance;

import org.springframework.data.jpa.repository.JpaRepository;

interface TextConsentRepository extends JpaRepository<TextConsent, TextConsent.Key> {
}
