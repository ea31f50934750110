package org.parley;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.conditions.ArchConditions.beAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.security.Permission;
import org.parley.security.ui.LoginView;
import org.springframework.data.repository.Repository;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/** The boundaries the code keeps, checked rather than hoped for. */
class ArchitectureTest {

    private static final JavaClasses PARLEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.parley");

    @Test
    void thePluginApiSeesNoSpringJpaOrVaadin() {
        // The plugin test kit (org.parley.plugin.testkit, on the app's test classpath) is for tests: JUnit is its business.
        classes().that().resideInAPackage("org.parley.plugin..")
                .and().resideOutsideOfPackage("org.parley.plugin.testkit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.parley.plugin..", "java..", "javax.crypto..",
                        "org.pf4j..")
                .check(PARLEY);
    }

    @Test
    void viewsNeverTouchARepository() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .check(PARLEY);
    }

    @Test
    void featureCodeOutsideUiPackagesUsesNoVaadinComponents() {
        noClasses().that().resideInAPackage("org.parley..").and().resideOutsideOfPackage("..ui..")
                .should().dependOnClassesThat().resideInAPackage("com.vaadin.flow.component..")
                .check(PARLEY);
    }

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching("org.parley.(**)").should().beFreeOfCycles()
                // Spring Security must name the login view class so Vaadin forwards to it on the server.
                .ignoreDependency(DescribedPredicate.describe("security configuration",
                                (JavaClass c) ->
                                        c.getName().equals("org.parley.security.web.SecurityConfiguration")),
                        JavaClass.Predicates.equivalentTo(
                                LoginView.class))
                .check(PARLEY);
    }

    /** The guard of services that show patients' data (see {@code security.web.StaffAccess}). */
    private static final String PHI_GUARD = "@staffAccess.permitsPhi()";

    private static final DescribedPredicate<JavaClass> GUARDED = DescribedPredicate.describe(
            "guarded by @PreAuthorize(\"" + PHI_GUARD + "\")", c -> c.tryGetAnnotationOfType(PreAuthorize.class)
                    .map(guard -> guard.value().equals(PHI_GUARD)).orElse(false));

    /**
     * Services of the features holding patients' data that views use but that show none of it, each with its reason.
     * Adding one here is a decision to write down, not a way to make the test pass.
     */
    private static final Set<String> SHOW_NO_PHI = Set.of(
            // the exporters an admin configured and their names for the staff's choice: settings, no patient
            "org.parley.chart.ExporterService",
            // the limits for attachments and the check of a file a person is attaching: nothing stored is shown
            "org.parley.attachment.ReplyAttachments",
            // whether a number may be texted now: yes, or the rule that says no
            "org.parley.compliance.SendingRules",
            // a staff member's own notification settings
            "org.parley.notify.NotificationPreferences");

    /** The roles a page may name: the two roles, and the role of each permission an admin grants. */
    private static final Set<String> ROLE_NAMES = Stream.concat(
            Stream.of("STAFF", "ADMIN"),
            Arrays.stream(Permission.values()).map(Permission::role))
            .collect(Collectors.toUnmodifiableSet());

    @Test
    void noPageIsOpenToAnyLoginEveryPageNamesWhoMayOpenItAndPagesForEveryoneUseNoPatientData() {
        classes().that().areAnnotatedWith(Route.class)
                .should().notBeAnnotatedWith(PermitAll.class)
                .andShould(beAnnotatedWith(RolesAllowed.class).or(beAnnotatedWith(AnonymousAllowed.class)))
                .check(PARLEY);
        classes().that().areAnnotatedWith(Route.class).and().areAnnotatedWith(RolesAllowed.class)
                .should(beAnnotatedWith(DescribedPredicate.describe("@RolesAllowed naming only STAFF, ADMIN or a "
                                + "permission's role",
                        annotation -> annotation.getRawType().isEquivalentTo(RolesAllowed.class)
                                && ROLE_NAMES.containsAll(Arrays.asList(
                                (String[]) annotation.get("value").orElseThrow())))))
                .check(PARLEY);
        noClasses().that().areAnnotatedWith(AnonymousAllowed.class)
                .should().dependOnClassesThat(GUARDED)
                .check(PARLEY);
    }

    @Test
    void servicesThatPagesUseInTheFeaturesHoldingPatientsDataAreGuardedUnlessTheyShowNone() {
        DescribedPredicate<JavaClass> usedByPages = DescribedPredicate.describe("used by pages",
                c -> c.getDirectDependenciesToSelf().stream()
                        .anyMatch(d -> d.getOriginClass().getPackageName().contains(".ui")));
        classes().that().resideInAnyPackage("org.parley.assignment", "org.parley.attachment", "org.parley.chart",
                        "org.parley.compliance", "org.parley.conversation", "org.parley.inbox", "org.parley.intake",
                        "org.parley.mention", "org.parley.notify", "org.parley.patient", "org.parley.simulator")
                .and().areMetaAnnotatedWith(Component.class)
                .and(usedByPages)
                .and(DescribedPredicate.describe("not listed as showing no patient data",
                        c -> !SHOW_NO_PHI.contains(c.getName())))
                .should(be(GUARDED))
                .check(PARLEY);
    }
}
