package org.parley.line;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.parley.plugin.LineType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether a number can receive texts, from the provider's line-type lookup, cached for 30 days (a lookup
 * can cost money); {@link #recheck} asks again on demand.
 */
@Service
public class LineTypes {

    static final Duration FRESH_FOR = Duration.ofDays(30);

    private final PhoneLineTypeRepository cache;
    private final LineGateway gateway;
    private final TransactionTemplate tx;
    private final Clock clock;

    LineTypes(PhoneLineTypeRepository cache, LineGateway gateway, TransactionTemplate tx, Clock clock) {
        this.cache = cache;
        this.gateway = gateway;
        this.tx = tx;
        this.clock = clock;
    }

    /** The kind of phone behind a number, looked up through {@code lineId}'s provider when not known or stale. */
    public LineType of(String lineId, String e164) {
        if (e164 == null) {
            return LineType.UNKNOWN;
        }
        Optional<PhoneLineType> known = cache.findById(e164);
        if (known.isPresent() && known.get().getCheckedAt().plus(FRESH_FOR).isAfter(clock.instant())) {
            return known.get().getLineType();
        }
        return recheck(lineId, e164);
    }

    /** What is known of a number without asking a provider. */
    public Optional<LineType> cached(String e164) {
        return e164 == null ? Optional.empty() : cache.findById(e164).map(PhoneLineType::getLineType);
    }

    /** How staff read a line type. */
    public static String describe(LineType type) {
        return switch (type) {
            case MOBILE -> "mobile, can receive texts";
            case LANDLINE -> "landline — call back";
            case VOIP -> "VoIP, texts may not arrive";
            case TOLL_FREE -> "toll-free — call back";
            case UNKNOWN -> "type unknown";
        };
    }

    /** Asks the provider again and remembers the answer (an UNKNOWN answer is not cached over a known one). */
    public LineType recheck(String lineId, String e164) {
        LineType type = gateway.lookupLineType(lineId, e164);
        tx.executeWithoutResult(status -> {
            PhoneLineType entry = cache.findById(e164).orElseGet(() -> new PhoneLineType(e164));
            if (type != LineType.UNKNOWN || entry.getLineType() == null) {
                entry.checked(type, clock.instant());
                cache.save(entry);
            }
        });
        return type;
    }
}
