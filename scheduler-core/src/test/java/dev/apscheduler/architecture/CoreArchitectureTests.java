package dev.apscheduler.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep scheduler-core's public API apart from its engine: no Spring (nor any other framework) in the
 * core, the {@code internal} package reached only by the scheduler classes through its one public type, and no
 * internal type in a public signature.
 */
class CoreArchitectureTests {

    private static final String INTERNAL = "dev.apscheduler.internal..";

    private static final JavaClasses CORE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.apscheduler");

    @Test
    void coreDependsOnNoFramework() {
        noClasses().should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta..", "javax.persistence..", "io.micrometer..",
                    "org.hibernate..")
            .check(CORE);
        assertThat(CORE.size()).as("classes imported").isGreaterThan(100);
    }

    @Test
    void onlyTheSchedulerClassesUseTheEngine() {
        noClasses().that()
            .resideOutsideOfPackages(INTERNAL, "dev.apscheduler")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(INTERNAL)
            .because("the engine is reached through dev.apscheduler's schedulers only")
            .check(CORE);
    }

    @Test
    void theEngineIsTheInternalPackagesOnlyPublicType() {
        classes().that()
            .resideInAPackage(INTERNAL)
            .and()
            .arePublic()
            .should()
            .haveFullyQualifiedName("dev.apscheduler.internal.Engine")
            .check(CORE);
    }

    @Test
    void noPublicSignatureOutsideTheEngineNamesAnInternalType() {
        methods().that()
            .areDeclaredInClassesThat(not(resideInAPackage(INTERNAL)))
            .and()
            .haveModifier(JavaModifier.PUBLIC)
            .should()
            .haveRawReturnType(not(resideInAPackage(INTERNAL)))
            .check(CORE);
        methods().that()
            .areDeclaredInClassesThat(not(resideInAPackage(INTERNAL)))
            .and()
            .haveModifier(JavaModifier.PROTECTED)
            .should()
            .haveRawReturnType(not(resideInAPackage(INTERNAL)))
            .check(CORE);
    }

}
