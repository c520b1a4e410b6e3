package io.skysync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * {@code shared} decides and adapters translate: its main classes reach nothing but the JDK (its
 * crypto included, for the local backend's identity proof) and Jackson, so no cloud SDK, no HTTP
 * client and no other library can creep in, the client jar stays thin and every rule is testable
 * without an emulator (docs/architecture.md).
 */
@AnalyzeClasses(packages = "io.skysync", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTest {

    @ArchTest
    static final ArchRule sharedDependsOnlyOnTheJdkAndJackson = classes()
            .that().resideInAPackage("io.skysync..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.skysync..", "java..", "javax.crypto..", "com.fasterxml.jackson..")
            .because("shared/ is the platform-neutral domain; SDKs, HTTP clients and frameworks belong in the adapters");

    @ArchTest
    static final ArchRule sharedUsesNoHttpClientOfTheJdk = noClasses()
            .that().resideInAPackage("io.skysync..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..")
            .because("talking HTTP is the client's and the platforms' business, not the domain's");

    @ArchTest
    static final ArchRule domainDependsOnNoOuterLayer = noClasses()
            .that().resideInAnyPackage("io.skysync.domain..", "io.skysync.reconcile..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.skysync.service..", "io.skysync.http..", "io.skysync.api..", "com.fasterxml..")
            .because("values and the reconcile rule are pure: no service, no transport, no JSON");
}
