package org.parley.broadcast;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.patient.ContactKind;
import org.parley.patient.ContactService;
import org.parley.patient.PatientAudiences;
import org.parley.patient.phone.PhoneNumbers;
import org.parley.tag.Tag;
import org.parley.tag.TagService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audiences of broadcasts: where a broadcast's patients come from (a date-of-birth range, a list, the last visit, a
 * tag, an uploaded file of MRNs or numbers, a saved audience), each walked in pages and its recipients checked and
 * stored batch by batch, and the saved audiences. {@link Broadcasts} prepares a broadcast with them.
 */
@Component
class BroadcastAudiences {

    static final int MAX_VALUES = 50_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContactService contacts;
    private final PatientAudiences patientAudiences;
    private final PhoneNumbers phones;
    private final RecipientRules rules;
    private final BroadcastSettings settings;
    private final TagService tags;
    private final ListService lists;

    BroadcastAudiences(JdbcClient jdbc, TransactionTemplate tx, ContactService contacts,
                       PatientAudiences patientAudiences, PhoneNumbers phones, RecipientRules rules,
                       BroadcastSettings settings, TagService tags, ListService lists) {
        this.patientAudiences = patientAudiences;
        this.jdbc = jdbc;
        this.tx = tx;
        this.contacts = contacts;
        this.phones = phones;
        this.rules = rules;
        this.settings = settings;
        this.tags = tags;
        this.lists = lists;
    }

    /** The saved audiences, by name. */
    List<SavedAudience> saved() {
        record Row(long id, String name, AudienceChoice search) {
        }
        List<Row> rows = jdbc.sql("select id, name, kind, born_from, born_to, list_id, visit_from, visit_to "
                        + "from broadcast_audience order by name")
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), switch (rs.getString(3)) {
                    case "LIST" -> new AudienceChoice.InList(rs.getLong(6));
                    case "LAST_VISIT" -> new AudienceChoice.LastVisitBetween(rs.getObject(7, LocalDate.class),
                            rs.getObject(8, LocalDate.class));
                    default -> new AudienceChoice.BornBetween(rs.getObject(4, LocalDate.class),
                            rs.getObject(5, LocalDate.class));
                })).list();
        return rows.stream().map(r -> new SavedAudience(r.id(), r.name(), r.search(),
                source(r.search()).description())).toList();
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("The first date of birth is after the last: swap them.");
        }
    }

    /** Where an audience's patients come from, walked in pages. */
    interface Source {
        String description();

        void addTo(long broadcastId, String lineId);

        default int notFound() {
            return 0;
        }
    }

    /** Where the audience's patients come from; checks the choice (dates, list, tag, file) on the way. */
    Source source(AudienceChoice audience) {
        return switch (audience) {
            case null -> throw new IllegalArgumentException("Choose who the broadcast goes to.");
            case AudienceChoice.BornBetween born -> bornBetween(born.from(), born.to());
            case AudienceChoice.Saved saved -> saved().stream().filter(a -> a.id() == saved.audienceId())
                    .findFirst().map(a -> source(a.search()))
                    .orElseThrow(() -> new IllegalArgumentException("There is no such saved audience."));
            case AudienceChoice.InList list -> inList(list.listId());
            case AudienceChoice.LastVisitBetween visit -> lastVisitBetween(visit.from(), visit.to());
            case AudienceChoice.Uploaded uploaded -> uploaded(uploaded);
            case AudienceChoice.Tagged tagged -> tagged(tagged.tagId());
        };
    }

    /** A search walked page by page: {@code page} gives the next ids after the last one. */
    private Source paged(String description, BiFunction<Long, Integer, List<Long>> page) {
        return new Source() {
            public String description() {
                return description;
            }

            public void addTo(long broadcastId, String lineId) {
                long after = 0;
                List<Long> ids;
                do {
                    ids = page.apply(after, settings.batch());
                    if (!ids.isEmpty()) {
                        after = ids.getLast();
                        store(broadcastId, lineId, ids);
                    }
                } while (ids.size() == settings.batch());
            }
        };
    }

    private Source inList(long listId) {
        InboxListSummary list = lists.find(listId)
                .orElseThrow(() -> new IllegalArgumentException("There is no such list."));
        if (list.blocked()) {
            throw new IllegalArgumentException("BLOCKED holds numbers an admin blocked: it is no audience.");
        }
        return paged("patients with a conversation in " + list.name(),
                (after, size) -> lists.patientIdsWithConversationIn(listId, after, size));
    }

    private Source lastVisitBetween(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("The first date of the last visit is after the second: swap them.");
        }
        String description = from == null && to == null ? "patients with a last visit on file"
                : from == null ? "patients last visited on or before " + to
                : to == null ? "patients last visited on or after " + from
                : "patients last visited " + from + " to " + to;
        return paged(description, (after, size) -> patientAudiences.patientIdsLastVisitBetween(from, to, after, size));
    }

    private Source bornBetween(LocalDate from, LocalDate to) {
        checkRange(from, to);
        return paged("patients born " + (from == null ? "any time" : from) + " to " + (to == null ? "today" : to),
                (after, size) -> patientAudiences.patientIdsBornBetween(from, to, after, size));
    }

    /** Patients tagged: unknown numbers and organisations in a tagged conversation are no audience of a broadcast. */
    private Source tagged(long tagId) {
        String tagName = tags.find(tagId).map(Tag::name)
                .orElseThrow(() -> new IllegalArgumentException("There is no such tag."));
        return new Source() {
            public String description() {
                return "patients tagged " + tagName;
            }

            public void addTo(long broadcastId, String lineId) {
                long after = 0;
                List<Long> page;
                do {
                    page = tags.contactIdsTagged(tagId, after, settings.batch());
                    if (!page.isEmpty()) {
                        after = page.getLast();
                        store(broadcastId, lineId, page.stream().filter(id -> contacts.find(id)
                                .filter(c -> c.kind() == ContactKind.PATIENT).isPresent())
                                .toList());
                    }
                } while (page.size() == settings.batch());
            }
        };
    }

    private Source uploaded(AudienceChoice.Uploaded file) {
        if (file.csv() == null || file.csv().length == 0) {
            throw new IllegalArgumentException("The file is empty.");
        }
        if (file.csv().length > settings.maxUpload().toBytes()) {
            throw new IllegalArgumentException("The file is larger than " + settings.maxUpload().toKilobytes()
                    + " KB: split it.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.csv())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException("The file is not UTF-8 text: save it as CSV (UTF-8).");
        }
        Set<String> mrns = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        int values = 0;
        int unreadable = 0;
        for (String line : text.split("\r\n|\n|\r")) {
            String value = line.split(",", 2)[0].strip().replace("\"", "").strip();
            if (value.isEmpty() || value.startsWith("\uFEFF") && value.length() == 1) {
                continue;
            }
            value = value.replace("\uFEFF", "");
            if (++values > MAX_VALUES) {
                throw new IllegalArgumentException("The file has more than " + MAX_VALUES + " rows: split it.");
            }
            Optional<String> number = value.matches("[+0-9().\\s-]{7,}") ? phones.parse(value) : Optional.empty();
            if (number.isPresent()) {
                numbers.add(number.get());
            } else if (value.matches("[A-Za-z0-9.-]{1,64}")) {
                mrns.add(value);
            } else {
                unreadable++;
            }
        }
        if (mrns.isEmpty() && numbers.isEmpty()) {
            throw new IllegalArgumentException("The file names no MRN or cell number in its first column.");
        }
        int unreadableValues = unreadable;
        String description = "the file " + safeName(file.fileName()) + " (" + (mrns.size() + numbers.size())
                + " MRNs or numbers)";
        int[] matched = new int[1];
        return new Source() {
            public String description() {
                return description;
            }

            public void addTo(long broadcastId, String lineId) {
                // a header row ("MRN", "cell phone") reads as an MRN that matches nobody
                List<String> mrnList = new ArrayList<>(mrns);
                List<String> numberList = new ArrayList<>(numbers);
                int chunk = settings.batch();
                for (int i = 0; i < mrnList.size(); i += chunk) {
                    List<String> part = mrnList.subList(i, Math.min(mrnList.size(), i + chunk));
                    List<Long> ids = patientAudiences.patientIdsByMrnOrNumber(part, List.of());
                    matched[0] += ids.size();
                    store(broadcastId, lineId, ids);
                }
                for (int i = 0; i < numberList.size(); i += chunk) {
                    List<String> part = numberList.subList(i, Math.min(numberList.size(), i + chunk));
                    List<Long> ids = patientAudiences.patientIdsByMrnOrNumber(List.of(), part);
                    matched[0] += ids.size();
                    store(broadcastId, lineId, ids);
                }
            }

            public int notFound() {
                return Math.max(0, mrns.size() + numbers.size() - matched[0]) + unreadableValues;
            }
        };
    }

    private static String safeName(String fileName) {
        String name = fileName == null ? "upload.csv" : fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        return name.length() > 60 ? name.substring(0, 60) : name;
    }

    /** One batch of recipients, checked and stored in one short transaction. */
    private void store(long broadcastId, String lineId, List<Long> contactIds) {
        tx.executeWithoutResult(status -> {
            for (long contactId : contactIds) {
                Optional<RecipientRules.Skip> skip = rules.skip(lineId, contactId);
                jdbc.sql("insert into broadcast_recipient (broadcast_id, contact_id, state, skip_kind, skip_reason) "
                                + "select ?, ?, ?, ?, ? from (values (1)) v where not exists (select 1 from "
                                + "broadcast_recipient where broadcast_id = ? and contact_id = ?)")
                        .params(broadcastId, contactId, skip.isPresent() ? "SKIPPED" : "PENDING",
                                skip.map(s -> s.kind().name()).orElse(null),
                                skip.map(s -> clip(s.reason())).orElse(null), broadcastId, contactId)
                        .update();
            }
        });
    }

    static String clip(String reason) {
        return reason.length() > 300 ? reason.substring(0, 299) + "…" : reason;
    }
}
