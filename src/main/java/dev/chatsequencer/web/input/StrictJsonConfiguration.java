package dev.chatsequencer.web.input;

import dev.chatsequencer.web.problem.InvalidTextException;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Refuses to guess at input: a number or boolean where the API expects text ({@code "body": 42}), a fraction or text
 * where it expects a whole number ({@code "seq": 1.5}, {@code "seq": "7"}) are client bugs. A key given twice is
 * refused, so a gateway that reads the first and this service cannot disagree on, say, the sender. Text must be
 * valid Unicode: an unpaired surrogate escape ({@code "\ud800"}) cannot be stored as UTF-8, so acknowledging it would
 * acknowledge something other than what is stored.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("valid-unicode-text").addDeserializer(String.class,
                        new ValidUnicodeStringDeserializer()))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** Jackson's own string reading, then a refusal of any surrogate that is not half of a pair. */
    static final class ValidUnicodeStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && hasUnpairedSurrogate(text)) {
                throw new InvalidTextException(parser, text);
            }
            return text;
        }

        static boolean hasUnpairedSurrogate(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean pairs = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (Character.isHighSurrogate(c) && pairs) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
