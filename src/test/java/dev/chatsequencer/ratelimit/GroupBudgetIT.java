package dev.chatsequencer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RedisIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Creating groups has a budget of its own: per signed-in user, and without identification (mode none) per client
 * address, whatever senderId each request claims.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupBudgetIT {

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.rate-limit.groups.capacity=2",
            "chat.rate-limit.groups.refill-per-second=0.001");

    @Test
    void withoutIdentificationEveryClaimedCreatorOfOneAddressSharesItsBudget() {
        JsonApi api = new JsonApi(service.baseUrl(), null);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int[] statuses = new int[3];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = api.send("POST", "/v1/conversations", "{\"senderId\":\"creator" + i + "-" + run
                    + "\",\"participants\":[\"bob\"]}", null).status();
        }

        assertThat(statuses).containsExactly(201, 201, 429);
    }
}
