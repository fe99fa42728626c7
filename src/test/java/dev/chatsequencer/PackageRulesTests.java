package dev.chatsequencer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The package rules of STYLE.md, kept true: features use {@code web} and {@code redis}, never the reverse, and no
 * package depends on a package that depends on it.
 */
class PackageRulesTests {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chatsequencer");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.chatsequencer.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void webAndRedisDependOnNoFeature() {
        noClasses().that().resideInAnyPackage("dev.chatsequencer.web..", "dev.chatsequencer.redis..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.chatsequencer.message..",
                        "dev.chatsequencer.conversation..", "dev.chatsequencer.stream..", "dev.chatsequencer.group..",
                        "dev.chatsequencer.inbox..")
                .check(MAIN);
    }

    @Test
    void onlyTheRedisPackageRunsScripts() {
        noClasses().that().resideOutsideOfPackage("dev.chatsequencer.redis..")
                .should().dependOnClassesThat().areAssignableTo(RedisScript.class)
                .because("LuaScripts is the one typed entry point to the Lua scripts")
                .check(MAIN);
    }

    @Test
    void mainCodeHasNoDevelopmentRedis() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("redis.embedded..")
                .because("the embedded redis-server is for spring-boot:test-run and tests only")
                .check(MAIN);
    }
}
