package org.parley.outbound;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

    /** Replaces a key's stored form, if it is still {@code stored} (another node may have replaced it meanwhile). */
    @Modifying
    @Query(value = "update signing_key set key_value = :replacement where name = :name and key_value = :stored",
            nativeQuery = true)
    int replaceStored(@Param("name") String name, @Param("stored") String stored,
                      @Param("replacement") String replacement);
}
