package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import dev.chatsequencer.TestInstances;
import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelinePage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Stateless instances: two application contexts on one Redis share each conversation's single counter. */
@RedisIntegrationTest
class TwoInstancesIT {

    @Autowired
    RestTestClient http;

    @LocalServerPort
    int port;

    @Autowired
    LettuceConnectionFactory connectionFactory;

    @Test
    void postThroughTwoInstancesConcurrentlyThenOneDenseSequence() throws Exception {
        try (ConfigurableApplicationContext second = TestInstances.start(connectionFactory.getHostName(),
                connectionFactory.getPort())) {
            List<JsonApi> instances = List.of(new JsonApi("http://localhost:" + port, null),
                    new JsonApi(TestInstances.baseUrl(second), null));
            String conversation = TestIds.conversation();

            List<Long> seqs = ConcurrentPostingIT.runConcurrently(8, thread -> {
                JsonApi client = instances.get(thread % 2);
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    mine.add(client.posted(conversation, "user-" + thread, "message " + i).seq());
                }
                return mine;
            });

            List<Long> expected = LongStream.rangeClosed(1, 200).boxed().toList();
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(expected);
            for (JsonApi instance : instances) {
                TimelinePage page = instance.timeline(conversation, "after=0&limit=200");
                assertThat(page.messages()).extracting(TimelineEntry::seq).containsExactlyElementsOf(expected);
                assertThat(page.lastSeq()).isEqualTo(200);
            }
        }
    }
}
