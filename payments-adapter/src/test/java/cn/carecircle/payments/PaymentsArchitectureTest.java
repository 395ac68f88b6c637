package cn.carecircle.payments;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import reactor.core.publisher.Mono;

@AnalyzeClasses(packages = "cn.carecircle.payments", importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentsArchitectureTest {

    @ArchTest
    static final ArchRule neverDependsOnSpring =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule neverBlocksOnAMono = noClasses()
            .should()
            .callMethod(Mono.class, "block")
            .orShould()
            .callMethod(Mono.class, "block", java.time.Duration.class);

    @ArchTest
    static final ArchRule neverWritesToStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule thePortKnowsNoProvider = noClasses()
            .that()
            .resideInAPackage("cn.carecircle.payments")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.wechat..", "okhttp3..", "cn.carecircle.payments.wechat..", "cn.carecircle.payments.fake..");

    @ArchTest
    static final ArchRule theFakeDoesNotLeanOnTheRealAdapter = noClasses()
            .that()
            .resideInAPackage("cn.carecircle.payments.fake")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.wechat..", "cn.carecircle.payments.wechat..");
}
