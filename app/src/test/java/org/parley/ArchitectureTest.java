package org.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

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
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.describe("security configuration",
                                (com.tngtech.archunit.core.domain.JavaClass c) ->
                                        c.getName().equals("org.parley.security.SecurityConfiguration")),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                org.parley.security.ui.LoginView.class))
                .check(PARLEY);
    }
}
