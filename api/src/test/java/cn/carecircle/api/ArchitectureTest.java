package cn.carecircle.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.stereotype.Repository;

/**
 * The dependency rules of DESIGN.md: the matching engine and the payments adapter know nothing of Spring Boot or of
 * each other; features use each other's services, never each other's repositories; time comes from the clock.
 */
@AnalyzeClasses(packages = "cn.carecircle", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule matchingKnowsNoSpringNorPayments = noClasses()
            .that()
            .resideInAPackage("cn.carecircle.matching..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "cn.carecircle.payments..", "cn.carecircle.api..");

    @ArchTest
    static final ArchRule paymentsKnowNoSpringNorMatching = noClasses()
            .that()
            .resideInAPackage("cn.carecircle.payments..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "cn.carecircle.matching..", "cn.carecircle.api..");

    @ArchTest
    static final ArchRule repositoriesStayInTheirFeature =
            classes().that().areAnnotatedWith(Repository.class).should(onlyBeUsedWithinTheirOwnPackage());

    @ArchTest
    static final ArchRule repositoriesAreNotPublic =
            classes().that().areAnnotatedWith(Repository.class).should().notBePublic();

    @ArchTest
    static final ArchRule timeComesFromTheClock = noClasses()
            .that()
            .resideInAPackage("cn.carecircle.api..")
            .should()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.LocalDate.class, "now")
            .orShould()
            .callMethod(java.time.LocalDateTime.class, "now")
            .orShould()
            .callMethod(System.class, "currentTimeMillis");

    private static ArchCondition<JavaClass> onlyBeUsedWithinTheirOwnPackage() {
        return new ArchCondition<>("only be used within their own feature package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                repository.getDirectDependenciesToSelf().forEach(dependency -> {
                    JavaClass user = dependency.getOriginClass();
                    if (!user.getPackageName().equals(repository.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(
                                dependency, user.getName() + " uses " + repository.getName() + " of another feature"));
                    }
                });
            }
        };
    }
}
