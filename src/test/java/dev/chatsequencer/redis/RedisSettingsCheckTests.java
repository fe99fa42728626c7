package dev.chatsequencer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RedisSettingsCheckTests {

    @Test
    void whenNoEvictionAndAppendOnlyThenNoWarning() {
        assertThat(RedisSettingsCheck.warnings(config("noeviction", "yes", ""), 0)).isEmpty();
    }

    @Test
    void whenAllKeysEvictionThenWarnsThatMessagesCanBeLost() {
        assertThat(RedisSettingsCheck.warnings(config("allkeys-lru", "yes", ""), 0))
                .singleElement().asString().contains("allkeys-lru", "noeviction");
    }

    @Test
    void whenVolatileEvictionThenNoWarningBecauseOnlyRetryRecordsHaveTtls() {
        assertThat(RedisSettingsCheck.warnings(config("volatile-lru", "yes", ""), 0)).isEmpty();
    }

    @Test
    void whenNothingPersistsThenWarns() {
        assertThat(RedisSettingsCheck.warnings(config("noeviction", "no", ""), 0))
                .singleElement().asString().contains("keeps nothing on disk");
    }

    @Test
    void whenOnlySnapshotsThenWarnsAboutTheWindowSinceTheLastOne() {
        assertThat(RedisSettingsCheck.warnings(config("noeviction", "no", "3600 1"), 0))
                .singleElement().asString().contains("RDB snapshots");
    }

    @Test
    void aClusterReportsEachMasterApartSoNoFalseWarningAboutPersistence() {
        Properties reported = new Properties();
        for (String node : new String[] {"127.0.0.1:7000", "127.0.0.1:7001"}) {
            reported.setProperty(node + ".maxmemory-policy", "noeviction");
            reported.setProperty(node + ".appendonly", "yes");
            reported.setProperty(node + ".save", "");
            reported.setProperty(node + ".role", "master");
            reported.setProperty(node + ".connected_slaves", "1");
            reported.setProperty(node + ".min-replicas-to-write", "1");
        }

        Map<String, Properties> nodes = RedisSettingsCheck.perNode(reported);

        assertThat(nodes).containsOnlyKeys("127.0.0.1:7000", "127.0.0.1:7001");
        nodes.values().forEach(config -> assertThat(RedisSettingsCheck.warnings(config, 1)).isEmpty());
    }

    @Test
    void aReplicatedMasterWithoutMinReplicasToWriteOrDurabilityIsWarnedAbout() {
        Properties config = config("noeviction", "yes", "");
        config.setProperty("role", "master");
        config.setProperty("connected_slaves", "2");
        config.setProperty("min-replicas-to-write", "0");

        assertThat(RedisSettingsCheck.warnings(config, 0)).hasSize(2)
                .anySatisfy(warning -> assertThat(warning).contains("min-replicas-to-write 1"))
                .anySatisfy(warning -> assertThat(warning).contains("chat.durability.replicas=1"));
    }

    @Test
    void aReplicaIsJudgedByItsMaster() {
        Properties config = config("allkeys-lru", "no", "");
        config.setProperty("role", "slave");

        assertThat(RedisSettingsCheck.warnings(config, 0)).isEmpty();
    }

    private static Properties config(String policy, String appendOnly, String save) {
        Properties properties = new Properties();
        properties.setProperty("maxmemory-policy", policy);
        properties.setProperty("appendonly", appendOnly);
        properties.setProperty("save", save);
        return properties;
    }
}
