package cn.carecircle.matching;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The module's dependency and style rules, checked on the main classes. */
@AnalyzeClasses(packages = "cn.carecircle.matching", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noSpring = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..")
            .because("matching is plain Java and Reactor");

    @ArchTest
    static final ArchRule noDatabase = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "io.r2dbc..", "org.postgresql..")
            .because("api hands matching its facts through ports");

    @ArchTest
    static final ArchRule neverBlock = noClasses()
            .should()
            .callMethod(Mono.class, "block")
            .orShould()
            .callMethod(Flux.class, "blockLast")
            .orShould()
            .callMethod(Flux.class, "blockFirst")
            .because("reactive code never blocks");

    @ArchTest
    static final ArchRule timeFromTheClock =
            noClasses().should().callMethod(Instant.class, "now").because("time comes from the injected Clock");

    @ArchTest
    static final ArchRule noConsole =
            noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err");

    @ArchTest
    static final ArchRule domainIsAtTheBottom = noClasses()
            .that()
            .resideInAPackage("cn.carecircle.matching.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "cn.carecircle.matching.index..",
                    "cn.carecircle.matching.eligibility..",
                    "cn.carecircle.matching.ranking..",
                    "io.lettuce..");

    @ArchTest
    static final ArchRule onlyTheRedisAdapterKnowsLettuce = noClasses()
            .that()
            .doNotHaveSimpleName("RedisCandidateIndex")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.lettuce..");
}
