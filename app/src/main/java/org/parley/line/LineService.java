package org.parley.line;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.plugin.MessagingProvider;
import org.parley.provider.PluginSettings;
import org.parley.provider.ProviderRegistry;
import org.parley.security.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes lines. */
@Service
public class LineService {

    private static final Logger log = LoggerFactory.getLogger(LineService.class);

    private final LineRepository lines;
    private final LineDeclarations declarations;
    private final ProviderRegistry providers;
    private final AuditLog audit;
    private final Clock clock;

    LineService(LineRepository lines, LineDeclarations declarations, ProviderRegistry providers, AuditLog audit,
                Clock clock) {
        this.lines = lines;
        this.declarations = declarations;
        this.providers = providers;
        this.audit = audit;
        this.clock = clock;
    }

    /** A line by id. */
    @Transactional(readOnly = true)
    public Optional<LineSnapshot> find(String id) {
        return lines.findById(id).map(Line::snapshot);
    }

    /** A line by its phone number. */
    @Transactional(readOnly = true)
    public Optional<LineSnapshot> findByNumber(String e164) {
        return lines.findByPhoneNumber(e164).map(Line::snapshot);
    }

    /** Every line, by id. A practice has a handful. */
    @Transactional(readOnly = true)
    public List<LineSnapshot> all() {
        return lines.findAllByOrderByIdAsc().stream().map(Line::snapshot).toList();
    }

    /**
     * Creates or changes a line. Blank secrets keep their stored value (the form never shows them again);
     * secrets the provider generates are filled in when missing.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public LineSnapshot save(StaffMember actor, LineSnapshot changed) {
        Line line = lines.findById(changed.id()).orElse(null);
        LineSnapshot before = line == null ? null : line.snapshot();
        LineSnapshot valid = validated(changed, before == null ? Map.of() : before.settings());
        if (line == null) {
            line = new Line(valid.id(), valid.name(), valid.number(), valid.providerId(), clock.instant());
        }
        line.update(valid);
        lines.save(line);
        audit.record(actor.username(), AuditAction.LINE_SAVED, "line", valid.id(),
                "provider " + valid.providerId() + "; "
                + (before == null ? "created" : changes(before, valid)));
        return line.snapshot();
    }

    /** Which fields and settings a save changed, by name only: setting values may be secrets. */
    private static String changes(LineSnapshot before, LineSnapshot after) {
        List<String> changed = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            changed.add("name");
        }
        if (!before.number().equals(after.number())) {
            changed.add("number");
        }
        if (!before.providerId().equals(after.providerId())) {
            changed.add("provider");
        }
        new TreeSet<>(Stream.concat(before.settings().keySet().stream(),
                after.settings().keySet().stream()).toList()).stream()
                .filter(name -> !Objects.equals(before.settings().get(name), after.settings().get(name)))
                .forEach(name -> changed.add("settings." + name));
        if (before.keywordReplies() != after.keywordReplies()) {
            changed.add("keyword replies");
        }
        if (!Objects.equals(before.helpText(), after.helpText())) {
            changed.add("help text");
        }
        return changed.isEmpty() ? "nothing changed" : "changed: " + String.join(", ", changed);
    }

    /**
     * Creates the lines declared in configuration that the database does not have yet (afterwards the admin
     * page is where they change), and generates the secrets a provider generates that a line still lacks.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    @Transactional
    public void createDeclaredLines() {
        for (Line line : lines.findAll()) {
            LineSnapshot current = line.snapshot();
            providers.provider(current.providerId()).ifPresent(provider -> {
                Map<String, String> settings = PluginSettings.withGeneratedSecrets(
                        provider.descriptor().properties(), current.settings());
                if (!settings.equals(current.settings())) {
                    line.update(new LineSnapshot(current.id(), current.name(), current.number(), current.providerId(),
                            settings, current.keywordReplies(), current.helpText()));
                }
            });
        }
        for (LineDeclarations.Declared declared : declarations.lines()) {
            if (declared.id() == null || lines.existsById(declared.id())) {
                continue;
            }
            try {
                LineSnapshot line = validated(new LineSnapshot(declared.id(),
                        declared.name() == null ? declared.id() : declared.name(), declared.number(),
                        declared.provider(), declared.settings(), declared.keywordReplies(), declared.helpText()),
                        Map.of());
                Line entity = new Line(line.id(), line.name(), line.number(), line.providerId(), clock.instant());
                entity.update(line);
                lines.save(entity);
                audit.record(AuditLog.SYSTEM, AuditAction.LINE_SAVED, "line", line.id(), "declared in configuration");
                log.info("Created line '{}' served by provider '{}' from configuration", line.id(), line.providerId());
            } catch (IllegalArgumentException e) {
                log.error("Line '{}' in configuration is not valid and was not created: {}", declared.id(),
                        e.getMessage());
            }
        }
    }

    private LineSnapshot validated(LineSnapshot line, Map<String, String> previous) {
        if (line.id() == null || !line.id().matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException(
                    "A line id has 1 to 40 lower-case letters, digits or dashes (it appears in webhook URLs).");
        }
        String name = line.name() == null || line.name().isBlank() ? line.id() : line.name().strip();
        if (name.length() > 200) {
            throw new IllegalArgumentException("The line's name has at most 200 characters.");
        }
        TypedText.requireLine(name, "line's name");
        String number = line.number() == null ? "" : line.number().replaceAll("[\\s().-]", "");
        if (!number.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException(
                    "The line's number must be in international format, e.g. +19292038684.");
        }
        if (line.providerId() == null || line.providerId().isBlank()) {
            throw new IllegalArgumentException("Choose the provider plugin that serves the line.");
        }
        lines.findByPhoneNumber(number).filter(other -> !other.getId().equals(line.id())).ifPresent(other -> {
            throw new IllegalArgumentException("Line '" + other.getId() + "' already has this number.");
        });
        Optional<MessagingProvider> provider = providers.provider(line.providerId());
        if (provider.isEmpty()) {
            log.warn("Line '{}' names provider '{}', which no loaded plugin offers", line.id(), line.providerId());
        }
        Map<String, String> settings = PluginSettings.completed(
                provider.map(p -> p.descriptor().properties()).orElse(null), line.settings(), previous);
        if (line.helpText() != null && line.helpText().length() > 320) {
            throw new IllegalArgumentException("The help text must fit in two texts (320 characters).");
        }
        TypedText.requireLine(line.helpText(), "help text");
        return new LineSnapshot(line.id(), name, number, line.providerId(), settings, line.keywordReplies(),
                line.helpText());
    }
}
