package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelinePage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@RedisIntegrationTest
class ConcurrentPostingIT {

    static final int THREADS = 8;
    static final int POSTS_PER_THREAD = 50;

    @Autowired
    RestTestClient http;

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void postFromManyThreadsThenSeqsAreExactlyOneToNAndTimelineIsAscending() throws Exception {
        JsonApi client = new JsonApi("http://localhost:" + port, null);
        String conversation = TestIds.conversation();

        List<Long> seqs = runConcurrently(THREADS, thread -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < POSTS_PER_THREAD; i++) {
                mine.add(client.posted(conversation, "user-" + thread, "message " + i).seq());
            }
            return mine;
        });

        long total = THREADS * POSTS_PER_THREAD;
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        List<Long> timeline = new ArrayList<>();
        TimelinePage first = client.timeline(conversation, "after=0&limit=200");
        first.messages().forEach(m -> timeline.add(m.seq()));
        TimelinePage second = client.timeline(conversation, "after=200&limit=200");
        second.messages().forEach(m -> timeline.add(m.seq()));
        assertThat(timeline).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hasMore()).isFalse();
        assertThat(second.lastSeq()).isEqualTo(total);
        assertThat(redis.opsForZSet().zCard("chat:{" + conversation + "}:messages")).isEqualTo(total);
    }

    @Test
    void postSameClientMessageIdConcurrentlyThenOneMessageIsStoredAndAllSeeIt() throws Exception {
        JsonApi client = new JsonApi("http://localhost:" + port, null);
        String conversation = TestIds.conversation();

        List<JsonApi.Response> results = runConcurrently(16,
                thread -> List.of(client.post(conversation, "alice", "once only", "retry-1")));

        assertThat(results).extracting(JsonApi.Response::status).containsOnlyOnce(201).containsOnly(201, 200);
        assertThat(results).extracting(r -> r.as(TimelineEntry.class).seq()).containsOnly(1L);
        assertThat(results).extracting(r -> r.as(TimelineEntry.class).sentAt()).hasSize(16).doesNotContainNull()
                .containsOnly(results.get(0).as(TimelineEntry.class).sentAt());
        assertThat(redis.opsForZSet().zCard("chat:{" + conversation + "}:messages")).isEqualTo(1);
        assertThat(redis.opsForValue().get("chat:{" + conversation + "}:seq")).isEqualTo("1");
    }

    /** Runs the task on that many threads released together, and gathers what they return. */
    static <T> List<T> runConcurrently(int threads, ThreadTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<T>> call = () -> {
                    start.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> all = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The work of one thread, given its number. */
    interface ThreadTask<T> {
        List<T> run(int thread) throws Exception;
    }
}
