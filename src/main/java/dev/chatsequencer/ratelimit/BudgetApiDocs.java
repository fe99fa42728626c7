package dev.chatsequencer.ratelimit;

import dev.chatsequencer.web.openapi.ProblemDocs;
import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/** Documents the 429 of every {@link Budgeted} operation, at the configured limits. */
@Component
class BudgetApiDocs implements OperationCustomizer {

    private final RateLimiter rateLimiter;

    BudgetApiDocs(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Budgeted budgeted = handlerMethod.getMethodAnnotation(Budgeted.class);
        if (budgeted != null) {
            ProblemDocs.add(operation, "429", rateLimiter.refusalResponse(budgeted.value()));
        }
        return operation;
    }
}
