package dev.chatsequencer.web.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Marks a property that JSON leaves out when it has no value ({@code @JsonInclude(NON_NULL)}), so the API description
 * never lists it as required: a validating proxy or a generated client would refuse every answer without it.
 */
@Component
class OmittedWhenNull implements PropertyCustomizer {

    /** The mark; OpenApiConfiguration reads it when it decides what is required, then removes it. */
    static final String EXTENSION = "x-omitted-when-null";

    @Override
    @SuppressWarnings("rawtypes")
    public Schema customize(Schema property, AnnotatedType type) {
        if (property != null && type.getCtxAnnotations() != null) {
            for (Annotation annotation : type.getCtxAnnotations()) {
                if (annotation instanceof JsonInclude include && include.value() != JsonInclude.Include.ALWAYS
                        && include.value() != JsonInclude.Include.USE_DEFAULTS) {
                    property.addExtension(EXTENSION, true);
                }
            }
        }
        return property;
    }
}
