package dev.chatsequencer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class RedisSettingsCheckTests {

    @Test
    void whenNoEvictionAndAppendOnlyThenNoWarning() {
        assertThat(RedisSettingsCheck.warnings(config("noeviction", "yes", ""))).isEmpty();
    }

    @Test
    void whenAllKeysEvictionThenWarnsThatMessagesCanBeLost() {
        assertThat(RedisSettingsCheck.warnings(config("allkeys-lru", "yes", "")))
                .singleElement().asString().contains("allkeys-lru", "noeviction");
    }

    @Test
    void whenVolatileEvictionThenNoWarningBecauseOnlyRetryRecordsHaveTtls() {
        assertThat(RedisSettingsCheck.warnings(config("volatile-lru", "yes", ""))).isEmpty();
    }

    @Test
    void whenNothingPersistsThenWarns() {
        assertThat(RedisSettingsCheck.warnings(config("noeviction", "no", "")))
                .singleElement().asString().contains("keeps nothing on disk");
    }

    @Test
    void whenOnlySnapshotsThenWarnsAboutTheWindowSinceTheLastOne() {
        assertThat(RedisSettingsCheck.warnings(config("noeviction", "no", "3600 1")))
                .singleElement().asString().contains("RDB snapshots");
    }

    private static Properties config(String policy, String appendOnly, String save) {
        Properties properties = new Properties();
        properties.setProperty("maxmemory-policy", policy);
        properties.setProperty("appendonly", appendOnly);
        properties.setProperty("save", save);
        return properties;
    }
}
