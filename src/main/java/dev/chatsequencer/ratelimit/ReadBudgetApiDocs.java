package dev.chatsequencer.ratelimit;

import dev.chatsequencer.web.openapi.ProblemDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/** Documents the read budget's 429 on every operation {@link ReadBudget} charges. */
@Component
class ReadBudgetApiDocs implements OpenApiCustomizer, Ordered {

    private final RateLimiter rateLimiter;

    ReadBudgetApiDocs(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                item.readOperationsMap().forEach((method, operation) -> {
                    if (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD
                            || method == PathItem.HttpMethod.PUT) {
                        document(operation);
                    }
                });
            }
        });
    }

    /** After the features' own customisers: their 429s (too many streams) keep theirs, and gain this one. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private void document(Operation operation) {
        ProblemDocs.add(operation, "429", rateLimiter.refusalResponse(RateLimiter.Limit.READS));
    }
}
