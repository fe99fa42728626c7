package dev.chatsequencer.web.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/** Documents each operation's {@link ProblemResponse}s, from the annotations on its controller method. */
@Component
class ProblemResponseDocs implements OperationCustomizer {

    private final AutowireCapableBeanFactory beans;
    private final Map<Class<? extends ProblemExample>, ProblemDetail> examples = new ConcurrentHashMap<>();

    ProblemResponseDocs(AutowireCapableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Set<String> documented = new HashSet<>();
        MergedAnnotations.from(handlerMethod.getMethod()).stream(ProblemResponse.class)
                .sorted(Comparator.comparingInt(MergedAnnotation::getDistance))
                .forEach(annotation -> {
                    String status = annotation.getString("status");
                    if (documented.add(status)) {
                        operation.getResponses().addApiResponse(status, response(annotation));
                    }
                });
        return operation;
    }

    private ApiResponse response(MergedAnnotation<ProblemResponse> annotation) {
        Class<?>[] sources = annotation.getClassArray("examples");
        ProblemDetail[] problems = new ProblemDetail[sources.length];
        for (int i = 0; i < sources.length; i++) {
            problems[i] = example(sources[i].asSubclass(ProblemExample.class));
        }
        ApiResponse response = ProblemDocs.response(annotation.getString("description"), problems);
        return annotation.getBoolean("retryAfter") ? ProblemDocs.withRetryAfter(response) : response;
    }

    /** Each example made once, by the context, so that it may take settings. */
    private ProblemDetail example(Class<? extends ProblemExample> source) {
        return examples.computeIfAbsent(source, type -> beans.createBean(type).problem());
    }
}
