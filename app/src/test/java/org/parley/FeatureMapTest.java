package org.parley;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The features' boundaries (issue 13, item 7). A feature is a package directly under {@code org.parley}: its core
 * (the package and any subpackage but {@code ui}) and its views ({@code <feature>.ui}). Views sit above every core:
 * a view may use any feature's public face, a core never uses a view, and the cores use each other without cycles.
 * This is why Parley checks its boundaries here rather than with Spring Modulith's {@code verify()}: Modulith treats a
 * feature with its views as one module, so an admin page that asks who is signed in ({@code audit.ui} using
 * {@code security}) while {@code security} writes the audit log reads to it as a cycle between modules, although no
 * core depends on another in a circle.
 *
 * <p>{@code docs/modules.md} is generated from the code by this test and checked against it, so that the map a
 * newcomer reads stays true: after a deliberate change run
 * {@code ./mvnw -pl app test -Dtest=FeatureMapTest -Dparley.docs.write=true} and review the diff.
 */
class FeatureMapTest {

    private static final JavaClasses PARLEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.parley");
    private static final Path MAP = Path.of("../docs/modules.md");

    /**
     * Repositories other features use, each with its reason. Any other repository is its feature's own: other
     * features go through its services.
     */
    private static final Map<String, String> SHARED_REPOSITORIES = Map.of(
            "org.parley.conversation.ConversationRepository",
            "the conversation row, which intake, sending, assignment, escalation and secure messages each lock and "
                    + "change in their own transaction",
            "org.parley.conversation.MessageRepository", "the messages those features store and update",
            "org.parley.conversation.media.MessageMediaRepository", "a message's pictures, stored by intake, fetched "
                    + "by providers through media links and read by the secure page",
            "org.parley.mention.MentionRepository", "a note's mentions, written and deleted with the note");

    /** The feature a class belongs to, or null for the plugin API and the application class. */
    private static String feature(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith("org.parley.") || p.startsWith("org.parley.plugin")) {
            return null;
        }
        String rest = p.substring("org.parley.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean isView(JavaClass c) {
        String f = feature(c);
        return f != null && c.getPackageName().startsWith("org.parley." + f + ".ui");
    }

    @Test
    void noCoreUsesAView() {
        // Spring Security's configuration must name the login view class so Vaadin forwards to it on the server.
        noClasses().that(describe("are in a feature's core (but the security configuration)", (JavaClass c) ->
                        feature(c) != null && !isView(c)
                                && !c.getName().equals("org.parley.security.web.SecurityConfiguration")))
                .should().dependOnClassesThat(describe("are views", FeatureMapTest::isView))
                .check(PARLEY);
    }

    @Test
    void theFeaturesCoresUseEachOtherWithoutCycles() {
        SliceAssignment cores = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String f = feature(c);
                return f == null || isView(c) ? SliceIdentifier.ignore() : SliceIdentifier.of(f);
            }

            @Override
            public String getDescription() {
                return "the features' cores";
            }
        };
        SlicesRuleDefinition.slices().assignedFrom(cores).should().beFreeOfCycles().check(PARLEY);
    }

    @Test
    void aFeaturesRepositoriesAreItsOwnExceptTheSharedOnes() {
        noClasses().should(new ArchCondition<>("use another feature's repository") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getDirectDependenciesFromSelf().stream()
                        .filter(d -> d.getTargetClass().isAssignableTo(
                                "org.springframework.data.repository.Repository"))
                        .filter(d -> !d.getTargetClass().getName().equals(c.getName()))
                        .filter(d -> !SHARED_REPOSITORIES.containsKey(d.getTargetClass().getName()))
                        .filter(d -> !Objects.equals(feature(d.getTargetClass()), feature(c)))
                        .forEach(d -> events.add(SimpleConditionEvent.violated(d,
                                d.getDescription())));
            }
        }).check(PARLEY);
    }

    @Test
    void theFeatureMapInTheDocsIsTheCodes() throws IOException {
        String map = map();
        if (Boolean.getBoolean("parley.docs.write")) {
            Files.writeString(MAP, map);
        }
        assertThat(Files.exists(MAP) ? Files.readString(MAP) : "")
                .as("docs/modules.md differs from the code; after a deliberate change run "
                        + "./mvnw -pl app test -Dtest=FeatureMapTest -Dparley.docs.write=true and review the diff")
                .isEqualTo(map);
    }

    private static String map() {
        SortedMap<String, SortedSet<String>> coreUses = new TreeMap<>();
        SortedMap<String, SortedSet<String>> viewsUse = new TreeMap<>();
        SortedMap<String, Integer> types = new TreeMap<>();
        for (JavaClass c : PARLEY) {
            String from = feature(c);
            if (from == null) {
                continue;
            }
            coreUses.computeIfAbsent(from, k -> new TreeSet<>());
            viewsUse.computeIfAbsent(from, k -> new TreeSet<>());
            if (c.isTopLevelClass()) {
                types.merge(from, 1, Integer::sum);
            }
            c.getDirectDependenciesFromSelf().forEach(d -> {
                String to = feature(d.getTargetClass());
                if (to != null && !to.equals(from)) {
                    String name = isView(d.getTargetClass()) ? to + ".ui" : to;
                    (isView(c) ? viewsUse : coreUses).get(from).add(name);
                }
            });
        }
        SortedMap<String, SortedSet<String>> usedBy = new TreeMap<>();
        coreUses.forEach((from, tos) -> tos.forEach(to -> usedBy.computeIfAbsent(to, k -> new TreeSet<>()).add(from)));
        viewsUse.forEach((from, tos) -> tos.forEach(to -> usedBy.computeIfAbsent(to.replace(".ui", ""),
                k -> new TreeSet<>()).add(from + ".ui")));
        StringBuilder md = new StringBuilder("""
                # Parley's features and what they use

                Generated from the code by `FeatureMapTest` (app/src/test), which fails when this page and the code
                differ; after a deliberate change: `./mvnw -pl app test -Dtest=FeatureMapTest -Dparley.docs.write=true`.
                A feature is a package under `org.parley`: its core, and its views in `<feature>.ui`. A core never uses
                a view and the cores use each other without cycles (checked by the same test); views may use any
                feature's public face. What each feature is for: [architecture.md](architecture.md).

                | feature | types | its core uses | its views also use | used by |
                |---|---|---|---|---|
                """);
        for (String f : coreUses.keySet()) {
            SortedSet<String> views = new TreeSet<>(viewsUse.get(f));
            views.removeAll(coreUses.get(f));
            md.append("| `").append(f).append("` | ").append(types.getOrDefault(f, 0)).append(" | ")
                    .append(list(coreUses.get(f))).append(" | ").append(list(views)).append(" | ")
                    .append(list(usedBy.getOrDefault(f, new TreeSet<>()))).append(" |\n");
        }
        md.append("\nRepositories shared between features (every other repository is used by its own feature only):\n\n");
        new TreeMap<>(SHARED_REPOSITORIES).forEach((repository, why) -> md.append("- `")
                .append(repository.substring("org.parley.".length())).append("`: ").append(why).append(".\n"));
        return md.toString();
    }

    private static String list(Set<String> names) {
        return names.isEmpty() ? "" : "`" + String.join("`, `", names) + "`";
    }
}
