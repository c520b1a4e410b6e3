package io.skysync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * {@code shared} decides and adapters translate: its main classes reach no cloud SDK and no HTTP
 * client, so the client jar stays thin and every rule is testable without an emulator.
 */
@AnalyzeClasses(packages = "io.skysync", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTest {

    @ArchTest
    static final ArchRule sharedImportsNoCloudSdkOrHttpClient = noClasses()
            .that().resideInAPackage("io.skysync..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "software.amazon..", "com.amazonaws..", "com.azure..", "com.microsoft..",
                    "okhttp3..", "java.net.http..", "org.apache.http..", "org.apache.hc..")
            .because("shared/ is the platform-neutral domain; SDKs and HTTP clients belong in the adapters");

    @ArchTest
    static final ArchRule domainDependsOnNoOuterLayer = noClasses()
            .that().resideInAnyPackage("io.skysync.domain..", "io.skysync.reconcile..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.skysync.service..", "io.skysync.http..", "io.skysync.api..", "com.fasterxml..")
            .because("values and the reconcile rule are pure: no service, no transport, no JSON");
}
