package dev.chatsequencer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The package rules of STYLE.md, kept true: the kernel ({@code access}, {@code timeline}, {@code storage},
 * {@code redis}, {@code web}) knows no feature, features reach Redis only through the storage schema, and no package
 * depends on a package that depends on it.
 */
class PackageRulesTests {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chatsequencer");

    static final String[] FEATURES = {"dev.chatsequencer.message..", "dev.chatsequencer.conversation..",
        "dev.chatsequencer.stream..", "dev.chatsequencer.group..", "dev.chatsequencer.inbox..",
        "dev.chatsequencer.security..", "dev.chatsequencer.ratelimit..", "dev.chatsequencer.ops.."};

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.chatsequencer.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theKernelDependsOnNoFeature() {
        noClasses().that().resideInAnyPackage("dev.chatsequencer.access..", "dev.chatsequencer.timeline..",
                "dev.chatsequencer.storage..", "dev.chatsequencer.redis..", "dev.chatsequencer.web..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(MAIN);
    }

    @Test
    void redisMechanicsKnowNoSchemaAndWebKnowsNoRedis() {
        noClasses().that().resideInAnyPackage("dev.chatsequencer.redis..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.chatsequencer.storage..",
                        "dev.chatsequencer.timeline..", "dev.chatsequencer.access..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.chatsequencer.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.chatsequencer.storage..",
                        "dev.chatsequencer.redis..", "dev.chatsequencer.timeline..", "dev.chatsequencer.access..")
                .check(MAIN);
    }

    @Test
    void onlyTheStoragePackageRunsScripts() {
        noClasses().that().resideOutsideOfPackage("dev.chatsequencer.storage..")
                .should().dependOnClassesThat().areAssignableTo(RedisScript.class)
                .because("LuaScripts is the one typed entry point to the Lua scripts")
                .check(MAIN);
    }

    @Test
    void noFeatureTouchesARedisTemplate() {
        noClasses().that().resideInAnyPackage(FEATURES).or().resideInAnyPackage("dev.chatsequencer.timeline..")
                .should().dependOnClassesThat().areAssignableTo(RedisOperations.class)
                .because("every key and command of the schema lives in storage, where one class builds the keys")
                .check(MAIN);
    }

    @Test
    void mainCodeHasNoDevelopmentRedis() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("redis.embedded..")
                .because("the embedded redis-server is for spring-boot:test-run and tests only")
                .check(MAIN);
    }
}
