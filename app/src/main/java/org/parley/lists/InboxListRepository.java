package org.parley.lists;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface InboxListRepository extends JpaRepository<InboxList, Long> {

    List<InboxList> findByOrderByNameAsc();

    Optional<InboxList> findByNameIgnoreCase(String name);

    Optional<InboxList> findFirstByKind(InboxList.Kind kind);
}
