package org.parley.simulator;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface PhoneMessageRepository extends JpaRepository<PhoneMessage, Long> {

    Optional<PhoneMessage> findByLineIdAndIdempotencyKey(String lineId, String idempotencyKey);

    Optional<PhoneMessage> findByCarrierMessageId(String carrierMessageId);

    List<PhoneMessage> findByPhoneNumberOrderByCreatedAtDescIdDesc(String phoneNumber, Pageable page);

    long countByPhoneNumberAndDirection(String phoneNumber, String direction);
}
