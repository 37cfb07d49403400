package dev.apscheduler.spring.boot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The starter builds on scheduler-core's API only: never on its engine ({@code dev.apscheduler.internal}).
 */
class StarterArchitectureTests {

    private static final JavaClasses STARTER = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.apscheduler.spring");

    @Test
    void starterUsesOnlyTheCoresApi() {
        assertThat(STARTER.size()).as("classes imported").isGreaterThan(50);
        noClasses().should()
            .dependOnClassesThat()
            .resideInAPackage("dev.apscheduler.internal..")
            .because("the core's engine is not API")
            .check(STARTER);
    }

}
